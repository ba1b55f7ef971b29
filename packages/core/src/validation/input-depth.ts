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
 * It never looks deeper than `limit`, so any depth is measured in at most
 * `limit` steps down; a value met again (a shared or cyclic reference) is not
 * walked twice. `decode` refuses an input
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
export const tooDeepAt = (input: unknown, limit: number = MAX_INPUT_DEPTH): IssuePath | undefined =>
  input !== null && typeof input === "object" ? deeperThan(input, 0, limit, new Set()) : undefined;

/**
 * The path, from `value`, to the first object or array at depth `limit`. The
 * recursion stops at `limit`, so it never goes more than `limit` frames deep
 * whatever the input; the path is built only on the way back from a find.
 */
const deeperThan = (value: object, depth: number, limit: number, seen: Set<object>): Array<string | number> | undefined => {
  if (depth >= limit) return [];
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child === null || typeof child !== "object") continue;
      const below = deeperThan(child, depth + 1, limit, seen);
      if (below !== undefined) return [i, ...below];
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (child === null || typeof child !== "object") continue;
    const below = deeperThan(child, depth + 1, limit, seen);
    if (below !== undefined) return [key, ...below];
  }
  return undefined;
};
