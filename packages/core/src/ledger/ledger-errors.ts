import { Data } from "effect";
import type { AuditEntityKind } from "../ports/store-rows.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { ValidationError } from "../validation/validation-error.js";
import type { CaseTransitionError } from "../lifecycle/case-errors.js";

/**
 * Why the service refused an actor: the record lies outside the actor's scope,
 * the actor's role may not do this, the policy does not let the actor write a
 * field (or see it in full, for a search by it), or the actor's unit is not in
 * the ledger's unit register.
 * @since 0.3.0
 */
export type AccessDeniedReason = "out-of-scope" | "role" | "field" | "read" | "unknown-unit";

/**
 * @internal Any value as a short printable text, for an error's message: a
 * string as it is (cut to `max` characters), a number, boolean or bigint as
 * written, a symbol by its description, anything else by its kind. It never
 * calls a value's own `toString` or `valueOf` (hostile input may make them
 * throw, or not be functions at all), so building a message never throws.
 */
export const printable = (value: unknown, max = 200): string => {
  let text: string;
  try {
    switch (typeof value) {
      case "string":
        text = value;
        break;
      case "number":
      case "boolean":
      case "bigint":
      case "undefined":
        text = String(value);
        break;
      case "symbol":
        text = `Symbol(${value.description ?? ""})`;
        break;
      case "function":
        text = "[function]";
        break;
      default:
        text = value === null ? "null" : Array.isArray(value) ? "[array]" : "[object]";
    }
  } catch {
    // A revoked proxy throws even on Array.isArray.
    text = "[object]";
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

const reasonText: Readonly<Record<AccessDeniedReason, Bilingual>> = {
  "out-of-scope": { zh: "记录不在操作人的辖区范围内", en: "the record is outside the actor's scope" },
  role: { zh: "操作人的角色不能执行此操作", en: "the actor's role may not do this" },
  field: { zh: "数据保护策略不允许操作人写入该字段", en: "the data-protection policy does not let the actor write this field" },
  read: { zh: "数据保护策略不允许操作人完整查看该字段", en: "the data-protection policy does not let the actor see this field in full" },
  "unknown-unit": { zh: "操作人的单位不在台账单位名册中", en: "the actor's unit is not in the ledger's unit register" },
};

/**
 * The service refused the actor. Every refusal is itself recorded in the audit
 * log (outcome `refused`), with the action, the record and the reason.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "AccessDenied") console.log(r.error.text.zh);
 * ```
 * @since 0.3.0
 */
export class AccessDenied extends Data.TaggedError("AccessDenied")<{
  readonly action: string;
  readonly entity: AuditEntityKind;
  readonly id?: string;
  readonly reason: AccessDeniedReason;
  /** The field the policy refused, for `field`. */
  readonly field?: string;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const r = Object.hasOwn(reasonText, this.reason) ? reasonText[this.reason] : { zh: printable(this.reason), en: printable(this.reason) };
    const f = this.field === undefined ? "" : `（${printable(this.field)}）`;
    const fe = this.field === undefined ? "" : ` (${printable(this.field)})`;
    const action = printable(this.action);
    return { zh: `拒绝“${action}”：${r.zh}${f}`, en: `"${action}" refused: ${r.en}${fe}` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * No record of that kind has that id.
 * @since 0.3.0
 */
export class RecordNotFound extends Data.TaggedError("RecordNotFound")<{
  readonly entity: AuditEntityKind;
  readonly id: string;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const id = printable(this.id);
    return { zh: `找不到记录 ${this.entity} ${id}`, en: `no ${this.entity} with id ${id}` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * A record with that id exists already.
 * @since 0.3.0
 */
export class RecordExists extends Data.TaggedError("RecordExists")<{
  readonly entity: AuditEntityKind;
  readonly id: string;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const id = printable(this.id);
    return { zh: `记录 ${this.entity} ${id} 已存在`, en: `a ${this.entity} with id ${id} exists already` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * The record changed since the caller read it: the version the caller holds is
 * not the stored one. Nothing was written; read it again and redo the change.
 *
 * @example
 * ```ts
 * const r = await ledger.transition(actor, { dispute: id, version: 3, transition: "accept", on });
 * if (!r.ok && r.error._tag === "VersionConflict") { // someone else changed it: reload
 * }
 * ```
 * @since 0.3.0
 */
export class VersionConflict extends Data.TaggedError("VersionConflict")<{
  readonly entity: AuditEntityKind;
  readonly id: string;
  readonly expected: number;
  /** The stored version, when the record still exists. */
  readonly actual?: number;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const a = this.actual === undefined ? "" : `，当前为 ${printable(this.actual)}`;
    const ae = this.actual === undefined ? "" : `, it is now ${printable(this.actual)}`;
    const id = printable(this.id);
    const expected = printable(this.expected);
    return {
      zh: `记录 ${this.entity} ${id} 已被他人修改（所持版本 ${expected}${a}），未写入任何内容`,
      en: `${this.entity} ${id} changed since it was read (version ${expected} held${ae}); nothing was written`,
    };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * An idempotency key was used again with other input: the first registration
 * stands, and this one is refused rather than silently answered with it.
 * @since 0.3.0
 */
export class IdempotencyKeyReused extends Data.TaggedError("IdempotencyKeyReused")<{
  readonly key: string;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const key = printable(this.key);
    return { zh: `幂等键 ${key} 已用于不同的内容`, en: `idempotency key ${key} was used with other input` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * A person's sealed fields cannot be opened: their data key was destroyed
 * (erasure) or its key-encryption key is not in the key provider.
 * @since 0.3.0
 */
export class SealedDataUnreadable extends Data.TaggedError("SealedDataUnreadable")<{
  readonly person: string;
  readonly why: "erased" | "key-missing" | "corrupt";
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const zh = { erased: "已删除（密钥已销毁）", "key-missing": "所需密钥不在密钥提供方中", corrupt: "密文已损坏" }[this.why];
    const en = { erased: "erased (its key was destroyed)", "key-missing": "its key-encryption key is not in the key provider", corrupt: "the ciphertext is corrupt" }[this.why];
    const person = printable(this.person);
    return { zh: `无法读取人员 ${person} 的加密信息：${zh}`, en: `cannot open the sealed fields of person ${person}: ${en}` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * The key provider has no checkpoint signing key.
 * @since 0.3.0
 */
export class SigningKeyMissing extends Data.TaggedError("SigningKeyMissing")<{}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "密钥提供方没有审计检查点签名密钥", en: "the key provider has no checkpoint signing key" };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * The store failed (a rejected promise, a broken connection, a row it could not
 * keep). The use case's transaction was rolled back: nothing of it was written.
 * @since 0.3.0
 */
export class StoreFailure extends Data.TaggedError("StoreFailure")<{
  readonly store: string;
  readonly cause: unknown;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const why = this.cause instanceof Error ? printable(this.cause.message, Infinity) : printable(this.cause, Infinity);
    return { zh: `存储 ${this.store} 出错，操作已整体撤销：${why}`, en: `store ${this.store} failed and the operation was rolled back: ${why}` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * A bulk registration's run id was used before with another list of items (or
 * the same items in another order): the earlier run stands, and nothing of
 * this call was written. A new import takes a new run id.
 *
 * @example
 * ```ts
 * const r = await ledger.registerDisputes(actor, { run: fileHash, items });
 * if (!r.ok && r.error._tag === "BulkRunReused") console.error(r.error.text.zh);
 * ```
 * @since 0.4.0
 */
export class BulkRunReused extends Data.TaggedError("BulkRunReused")<{
  readonly run: string;
  /** How many items of the earlier run are registered. */
  readonly done: number;
  /** How many items the earlier run has. */
  readonly total: number;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return {
      zh: `批量登记编号 ${printable(this.run)} 已用于另一组条目（该批已登记 ${this.done}/${this.total} 条），本次未写入任何内容；新的导入请使用新的编号`,
      en: `bulk registration run ${printable(this.run)} was used for another list of items (${this.done} of its ${this.total} registered); nothing was written: a new import takes a new run id`,
    };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * Why a batch of a bulk registration failed: the store, or one item (a dispute
 * id or a new person already in the ledger, a party not in it).
 * @since 0.4.0
 */
export type BulkBatchError = StoreFailure | AccessDenied | ValidationError | RecordExists | RecordNotFound | CaseTransitionError;

const bilingualOf = (e: BulkBatchError): Bilingual => e.text;

/**
 * A bulk registration stopped at a batch: the batches before it are committed
 * (with the run's checkpoint), nothing of the failed batch was written, and
 * calling again with the same run and items resumes after the last committed
 * batch. `cause` says why; `item` is the index of the item being registered
 * when the cause came from one item.
 *
 * @example
 * ```ts
 * const r = await ledger.registerDisputes(actor, { run, items });
 * if (!r.ok && r.error._tag === "BulkRunInterrupted") {
 *   console.error(`${r.error.committed}/${r.error.total}`, r.error.cause._tag, r.error.item);
 * }
 * ```
 * @since 0.4.0
 */
export class BulkRunInterrupted extends Data.TaggedError("BulkRunInterrupted")<{
  readonly run: string;
  /** How many items of the run are committed, by this call and earlier ones. */
  readonly committed: number;
  readonly total: number;
  /** The index in `items` of the item whose registration failed; absent when the batch failed as a whole (its commit, say). */
  readonly item?: number;
  readonly cause: BulkBatchError;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const why = bilingualOf(this.cause);
    const at = this.item === undefined ? "" : `在 items[${this.item}] 处`;
    const atEn = this.item === undefined ? "" : ` at items[${this.item}]`;
    return {
      zh: `批量登记 ${printable(this.run)} ${at}中断：已提交 ${this.committed}/${this.total} 条，出错的一批未写入任何内容；用相同的编号和条目再次调用即从断点继续。原因：${why.zh}`,
      en: `bulk registration ${printable(this.run)} stopped${atEn}: ${this.committed} of ${this.total} are committed and nothing of the failed batch was written; call again with the same run and items to resume. Cause: ${why.en}`,
    };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}
