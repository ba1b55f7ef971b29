// Whether a module of the package at `packageDir` asks for fast-check: such a
// request is refused, as if fast-check were not installed. Effect's own copy of
// fast-check (a dependency of effect, resolved from effect's files) is left alone.
import { sep } from "node:path";

/**
 * @param {string} specifier what is imported
 * @param {string} parent the real path of the importing file ("" when unknown)
 * @param {string} packageDir the real path of the package, without a trailing separator
 * @returns {boolean}
 */
export const refuses = (specifier, parent, packageDir) =>
  (specifier === "fast-check" || specifier.startsWith("fast-check/")) &&
  parent.startsWith(packageDir + sep) &&
  !parent.startsWith(packageDir + sep + "node_modules" + sep);
