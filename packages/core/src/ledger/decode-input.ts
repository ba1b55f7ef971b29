import { Effect } from "effect";
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical-json.js";
import { type StandaloneSchema, decode } from "../validation/decode.js";
import { ValidationError } from "../validation/validation-error.js";

/** @internal Decodes a use case's input, its issues' paths under `at` (e.g. `["dispute"]`). */
export const decodeAt = <A, I>(schema: StandaloneSchema<A, I>, input: unknown, at: ReadonlyArray<string | number>): Effect.Effect<A, ValidationError> => {
  const r = decode(schema, input);
  if (r.ok) return Effect.succeed(r.value);
  return Effect.fail(new ValidationError({ issues: r.error.issues.map((i) => ({ ...i, path: [...at, ...i.path] })) }));
};

/** @internal One validation issue as an error. */
export const invalid = (path: ReadonlyArray<string | number>, zh: string, en: string): ValidationError =>
  new ValidationError({ issues: [{ path, zh, en }] });

/** @internal SHA-256 (hex) of a value's canonical JSON: an input's fingerprint. */
export const fingerprint = (value: unknown): string => createHash("sha256").update(canonicalJson(value)).digest("hex");
