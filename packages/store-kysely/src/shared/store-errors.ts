import type { Bilingual } from "@tiaojie/core";

/**
 * What went wrong in the database, as the store tells it:
 * - `unique-violation`: a write met a row that must be unique;
 * - `connection-lost`: the connection to the server broke or could not be made;
 * - `busy`: the database is locked by another writer, or a lock wait timed out,
 *   or the server chose this transaction as a deadlock victim;
 * - `disk-full`: the database or its disk has no room left;
 * - `read-only`: the database, its file or the server refuses writes;
 * - `schema-newer`: the database was migrated by a newer version of this package;
 * - `misuse`: the store was used against its contract (a closed store, an ended
 *   transaction, a page size out of range);
 * - `failed`: anything else the database refused.
 * @since 0.4.0
 */
export type SqlStoreErrorKind = "unique-violation" | "connection-lost" | "busy" | "disk-full" | "read-only" | "schema-newer" | "misuse" | "failed";

const texts: { readonly [K in SqlStoreErrorKind]: Bilingual } = {
  "unique-violation": { zh: "写入与已有记录冲突（唯一约束）", en: "the write conflicts with a stored record (a unique constraint)" },
  "connection-lost": { zh: "与数据库的连接中断或无法建立", en: "the connection to the database broke or could not be made" },
  busy: { zh: "数据库正被其他写入锁定，请稍后重试", en: "the database is locked by another writer: try again later" },
  "disk-full": { zh: "数据库或磁盘空间已满", en: "the database or its disk is full" },
  "read-only": { zh: "数据库只读，拒绝写入", en: "the database is read-only and refuses writes" },
  "schema-newer": { zh: "数据库由更新版本的 @tiaojie/store-kysely 迁移，本版本不能使用", en: "the database was migrated by a newer version of @tiaojie/store-kysely and this version cannot use it" },
  misuse: { zh: "存储的用法有误", en: "the store was used against its contract" },
  failed: { zh: "数据库拒绝了操作", en: "the database refused the operation" },
};

/**
 * The error a Kysely store rejects with: its kind, a message in both languages,
 * the store's name and the database's own error as `cause`. Every write of the
 * failed transaction is rolled back.
 *
 * @example
 * ```ts
 * try { await store.transact(work); }
 * catch (e) { if (e instanceof SqlStoreError && e.kind === "busy") retryLater(); }
 * ```
 * @since 0.4.0
 */
export class SqlStoreError extends Error {
  override readonly name = "SqlStoreError";
  readonly kind: SqlStoreErrorKind;
  readonly store: string;
  /** The message in both languages. */
  readonly text: Bilingual;

  constructor(kind: SqlStoreErrorKind, store: string, options: { readonly detail?: Bilingual; readonly cause?: unknown } = {}) {
    const base = texts[kind];
    const text: Bilingual =
      options.detail === undefined ? base : { zh: `${base.zh}：${options.detail.zh}`, en: `${base.en}: ${options.detail.en}` };
    super(`[${store}] ${text.zh} / ${text.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.store = store;
    this.text = text;
  }
}

/**
 * How a dialect tells the kind of a driver's error (`undefined`: not a database
 * error it knows, so `failed`).
 * @since 0.4.0
 */
export type ErrorClassifier = (error: unknown) => SqlStoreErrorKind | undefined;

/** A driver error's `code`, `errno` and message, whatever the driver. */
export const errorFacts = (error: unknown): { readonly code: string; readonly errno: number | undefined; readonly message: string } => {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; errno?: unknown; message?: unknown };
  return {
    code: typeof e.code === "string" ? e.code : typeof e.code === "number" ? String(e.code) : "",
    errno: typeof e.errno === "number" ? e.errno : undefined,
    message: typeof e.message === "string" ? e.message : String(error),
  };
};

/** The error as a {@link SqlStoreError} of the store, classified by the dialect. */
export const asStoreError = (error: unknown, store: string, classify: ErrorClassifier): SqlStoreError => {
  if (error instanceof SqlStoreError) return error;
  const kind = classify(error) ?? "failed";
  const { message } = errorFacts(error);
  return new SqlStoreError(kind, store, { detail: { zh: message, en: message }, cause: error });
};
