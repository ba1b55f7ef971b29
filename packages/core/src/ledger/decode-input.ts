import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical-json.js";
import { type StandaloneSchema, decode } from "../validation/decode.js";
import { ValidationError } from "../validation/validation-error.js";
import type { Work } from "./unit-of-work.js";

/** @internal Decodes a use case's input, its issues' paths under `at` (e.g. `["dispute"]`); invalid input ends the use case. */
export const decodeAt = <A, I>(work: Work<ValidationError>, schema: StandaloneSchema<A, I>, input: unknown, at: ReadonlyArray<string | number>): A => {
  const r = decode(schema, input);
  if (r.ok) return r.value;
  return work.fail(new ValidationError({ issues: r.error.issues.map((i) => ({ ...i, path: [...at, ...i.path] })) }));
};

/** @internal One validation issue as an error. */
export const invalid = (path: ReadonlyArray<string | number>, zh: string, en: string): ValidationError =>
  new ValidationError({ issues: [{ path, zh, en }] });

/** @internal SHA-256 (hex) of a value's canonical JSON: an input's fingerprint. */
export const fingerprint = (value: unknown): string => createHash("sha256").update(canonicalJson(value)).digest("hex");
