import { readFile } from "node:fs/promises";
import type { LedgerStore, LedgerTransaction, StoreCapabilities, StoreRawAccess } from "@tiaojie/core";
import { writeFileAtomically } from "./atomic-write.js";
import { JsonFileStoreError } from "./json-file-store-error.js";
import { jsonFileRawAccess } from "./json-file-raw-access.js";
import { type LedgerDocument, documentText, emptyDocument, parseDocument } from "./ledger-document.js";
import { openDraft } from "./ledger-draft.js";

/**
 * Options of {@link makeJsonFileStore}.
 *
 * @example
 * ```ts
 * const options: JsonFileStoreOptions = { file: "/var/lib/tiaojie/ledger.json" };
 * ```
 * @since 0.3.0
 */
export interface JsonFileStoreOptions {
  /** The ledger file. Created, empty, when it does not exist; its directory must. */
  readonly file: string;
  /**
   * The store's name in messages and conformance reports.
   * @default "json-file"
   */
  readonly name?: string;
  /**
   * Whether a commit waits until the disk has the new file (`fsync`). Leave it
   * on for a real ledger; turning it off only trades safety after a power cut for
   * speed.
   * @default true
   */
  readonly fsync?: boolean;
}

/**
 * A {@link LedgerStore} over one JSON file, with its capabilities stated in full
 * and the conformance kit's hooks (`raw`) beside it.
 *
 * @example
 * ```ts
 * const store: JsonFileStore = await makeJsonFileStore({ file: "ledger.json" });
 * store.capabilities.durable; // true: createLedger needs a KeyProvider
 * ```
 * @since 0.3.0
 */
export type JsonFileStore = LedgerStore & {
  readonly capabilities: StoreCapabilities;
  /** The ledger file. */
  readonly file: string;
  /** Test hooks for `@tiaojie/store-testkit`; the ledger service never uses them, and an application should not. */
  readonly raw: StoreRawAccess;
  /** Waits for the running transactions, then refuses new ones. */
  readonly close: () => Promise<void>;
};

/** What the store says it can do: durable, one transaction at a time, pages of at most 200 rows. */
const capabilities: StoreCapabilities = { durable: true, concurrentTransactions: false, maxPageSize: 200 };

const noop = (): void => undefined;

const isMissing = (cause: unknown): boolean => (cause as NodeJS.ErrnoException | undefined)?.code === "ENOENT";

/** Reads the file, or creates it empty when it does not exist. */
const openFile = async (file: string, fsync: boolean): Promise<LedgerDocument> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    if (!isMissing(cause)) {
      throw new JsonFileStoreError("open-failed", { zh: `无法读取台账文件 ${file}`, en: `cannot read the ledger file ${file}` }, cause);
    }
    const empty = emptyDocument();
    try {
      await writeFileAtomically(file, documentText(empty), { fsync });
    } catch (writeCause) {
      throw new JsonFileStoreError("open-failed", { zh: `无法创建台账文件 ${file}`, en: `cannot create the ledger file ${file}` }, writeCause);
    }
    return empty;
  }
  return parseDocument(file, text);
};

/**
 * Makes a store that keeps the whole ledger in one JSON file: read when the store
 * opens, rewritten at each commit.
 *
 * - **Transactions** run one at a time, in the order `transact` was called. Each
 *   works on a draft over the committed state; when `work` resolves, the new
 *   state is written to a temporary file beside the ledger file, flushed to disk
 *   and renamed over it, and only then becomes the committed state. When `work`
 *   rejects, or the write fails, the draft is dropped: the file and the store are
 *   as they were, and `transact` rejects (with `work`'s reason, or a
 *   {@link JsonFileStoreError} `write-failed`). A transaction that wrote nothing
 *   leaves the file alone.
 * - **Reads** scan the collection in memory: fine for an example and for a small
 *   ledger, since every commit rewrites the whole file anyway. A county's ledger
 *   belongs in a database.
 * - **One store per file.** Nothing stops two stores, or two processes, from
 *   opening the same file, and then each overwrites the other's commits.
 *
 * It rejects with a {@link JsonFileStoreError} when the file cannot be read or
 * created (`open-failed`) or is not a ledger file (`invalid-file`).
 *
 * @example
 * ```ts
 * import { createLedger, staticKeyProvider } from "@tiaojie/core";
 * import { makeJsonFileStore } from "@tiaojie/example-custom-store";
 *
 * const store = await makeJsonFileStore({ file: "/var/lib/tiaojie/ledger.json" });
 * const ledger = createLedger({ store, units, keys: staticKeyProvider({ keyEncryptionKeys, currentKeyId, blindIndexKey }) });
 * ```
 * @since 0.3.0
 */
export const makeJsonFileStore = async (options: JsonFileStoreOptions): Promise<JsonFileStore> => {
  const { file } = options;
  const fsync = options.fsync ?? true;
  const { maxPageSize } = capabilities;
  let committed = await openFile(file, fsync);
  let tail: Promise<void> = Promise.resolve();
  let closed = false;

  /** Runs tasks one after another, in the order they were queued. */
  const serially = <A>(task: () => Promise<A>): Promise<A> => {
    const result = tail.then(task);
    tail = result.then(noop, noop);
    return result;
  };
  const refuseWhenClosed = (): Promise<never> | undefined =>
    closed ? Promise.reject(new JsonFileStoreError("store-closed", { zh: "存储已关闭", en: "the store has been closed" })) : undefined;

  /** Makes `next` the committed state: the file first, then memory. */
  const commit = async (next: LedgerDocument): Promise<void> => {
    try {
      await writeFileAtomically(file, documentText(next), { fsync });
    } catch (cause) {
      throw new JsonFileStoreError(
        "write-failed",
        { zh: `无法写入台账文件 ${file}，本次事务未提交`, en: `cannot write the ledger file ${file}: the transaction was not committed` },
        cause,
      );
    }
    committed = next;
  };

  const run = async <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
    const draft = openDraft(committed, maxPageSize);
    let value: A;
    try {
      value = await work(draft.tx);
    } finally {
      draft.end(); // later calls on this tx are refused
    }
    if (draft.wrote()) await commit(draft.result());
    return value;
  };

  return {
    name: options.name ?? "json-file",
    capabilities,
    file,
    transact: <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => refuseWhenClosed() ?? serially(() => run(work)),
    close: async () => {
      closed = true;
      await tail;
    },
    raw: jsonFileRawAccess({
      file,
      committed: () => committed,
      commit,
      serially: <A>(task: () => Promise<A>) => refuseWhenClosed() ?? serially(task),
    }),
  };
};
