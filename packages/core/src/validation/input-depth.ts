import type { IssuePath } from "./validation-error.js";

/**
 * How deeply objects and arrays may nest in any input that `decode` reads. The
 * deepest value of the model (a grading table's condition inside a rule inside
 * the table) is a few levels deep for any table a person writes; a JSON text
 * nested thousands deep, which `JSON.parse` makes without complaint, would
 * overflow the call stack of a recursive decoder. Inputs deeper than this are
 * refused before any schema runs, at the path where they go too deep.
 *
 * @since 0.5.0
 */
export const MAX_INPUT_DEPTH = 128;

/**
 * The path of the first value (in depth-first order) nested deeper than
 * `limit` objects or arrays, or `undefined` when the input stays within it.
 * Iterative, so any depth is measured without recursion; a value met again
 * (a shared or cyclic reference) is not walked twice. `decode` refuses an input
 * for which it gives a path; `@tiaojie/zod` does the same.
 *
 * @example
 * ```ts
 * import { tooDeepAt } from "@tiaojie/core/schema-kit";
 *
 * tooDeepAt({ a: [1] }); // undefined
 * tooDeepAt({ a: [1] }, 1); // ["a"]
 * ```
 * @since 0.5.0
 */
export const tooDeepAt = (input: unknown, limit: number = MAX_INPUT_DEPTH): IssuePath | undefined => {
  if (input === null || typeof input !== "object") return undefined;
  const seen = new Set<object>();
  const stack: Array<{ readonly value: object; readonly path: IssuePath }> = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length >= limit) return path;
    if (seen.has(value)) continue;
    seen.add(value);
    const keys: ReadonlyArray<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: unknown = (value as Record<string | number, unknown>)[key];
      if (child !== null && typeof child === "object") stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
};
