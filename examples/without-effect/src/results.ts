import { type Bilingual, type Result, ValidationError, formatPath } from "@tiaojie/core";

/** Any error a ledger call resolves with: a typed value with `_tag` and a message in both languages. */
export interface LedgerError {
  readonly _tag: string;
  readonly message: string;
}

/** A refusal put into words a person can read, in both languages. */
export interface Refusal extends Bilingual {
  /** The error's `_tag`, e.g. `AccessDenied`, `VersionConflict`. */
  readonly tag: string;
}

/**
 * The two-language text of a ledger error. Every error of the ledger carries
 * `text` ({ zh, en }) except `ValidationError`, whose text is its issues, each
 * with the path of the field in question.
 *
 * @example
 * ```ts
 * const r = await ledger.getDispute(actor, id);
 * if (!r.ok) console.log(refusalOf(r.error).zh);
 * ```
 */
export const refusalOf = (error: LedgerError): Refusal => {
  if (error instanceof ValidationError) {
    return {
      tag: error._tag,
      zh: error.issues.map((i) => `${formatPath(i.path)}：${i.zh}`).join("；"),
      en: error.issues.map((i) => `${formatPath(i.path)}: ${i.en}`).join("; "),
    };
  }
  const text = (error as { readonly text?: unknown }).text;
  if (typeof text === "object" && text !== null && "zh" in text && "en" in text) {
    const t = text as Bilingual;
    return { tag: error._tag, zh: t.zh, en: t.en };
  }
  return { tag: error._tag, zh: error.message, en: error.message };
};

/**
 * The value of a step that must succeed for the example to go on (set-up: the
 * ledger refusing it means the example itself is wrong), or an `Error` naming the
 * step and the ledger's reason in both languages.
 *
 * @example
 * ```ts
 * const view = must(await ledger.getDispute(actor, id), "read the dispute");
 * ```
 */
export const must = <A>(result: Result<A, LedgerError>, step: string): A => {
  if (result.ok) return result.value;
  const r = refusalOf(result.error);
  throw new Error(`${step}: ${r.tag}: ${r.zh} / ${r.en}`);
};
