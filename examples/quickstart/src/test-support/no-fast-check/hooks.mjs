// Resolution hooks (registered with node:module's `register`) that refuse fast-check
// to the files of one package; see refusal.mjs.
import { fileURLToPath } from "node:url";
import { refuses } from "./refusal.mjs";

let packageDir = "";

/** @param {{ packageDir: string }} data */
export function initialize(data) {
  packageDir = data.packageDir;
}

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, next) {
  const parent = context.parentURL?.startsWith("file:") ? fileURLToPath(context.parentURL) : "";
  if (refuses(specifier, parent, packageDir)) {
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from ${parent}`), {
      code: "ERR_MODULE_NOT_FOUND",
    });
  }
  return next(specifier, context);
}
