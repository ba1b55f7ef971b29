import { createHash } from "node:crypto";
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

/**
 * @internal SHA-256 (hex) of decoded input: its fingerprint. Decoding builds
 * every object with its schema's fields in the schema's order and drops nothing
 * but absent optional fields, so equal inputs give the same JSON text whatever
 * the key order they came in, and `JSON.stringify` of the decoded value is as
 * canonical as `canonicalJson` of the raw one, at a fraction of the cost.
 */
export const fingerprint = (decoded: unknown): string => createHash("sha256").update(JSON.stringify(decoded)).digest("hex");

/**
 * @internal The fingerprint of a list of decoded values, in order: SHA-256 (hex)
 * over each one's JSON text and a newline (which JSON text never holds
 * unescaped), so a long list is hashed without one string of it all.
 */
export const fingerprintAll = (decoded: Iterable<unknown>): string => {
  const hash = createHash("sha256");
  for (const value of decoded) hash.update(JSON.stringify(value)).update("\n");
  return hash.digest("hex");
};
