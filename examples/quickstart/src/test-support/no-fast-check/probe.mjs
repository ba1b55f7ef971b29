// Run as: node probe.mjs <package dir> <ESM entry> <CJS entry> <ESM control> <CJS control>
//
// Refuses fast-check to the package's files (ESM imports through resolution hooks,
// CommonJS requires through the resolver), then loads the two forms of the entry
// and calls its `sampleTown` on a small town, and tries the two forms of a control
// entry that does import fast-check. Prints one line of JSON: what happened.
import { realpathSync } from "node:fs";
import Module, { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";
import { refuses } from "./refusal.mjs";

const [packageDir, esmEntry, cjsEntry, esmControl, cjsControl] = process.argv.slice(2).map((p) => realpathSync(p));
const require = createRequire(import.meta.url);

register(new URL("./hooks.mjs", import.meta.url), { data: { packageDir } });
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (refuses(request, parent?.filename ?? "", packageDir)) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

const attempt = async (load) => {
  try {
    return { loaded: true, value: await load() };
  } catch (error) {
    return { loaded: false, error: String(error?.message ?? error).split("\n")[0] };
  }
};
const small = { villages: 2, persons: 12, disputes: 6 };
const town = (mod) => JSON.stringify(mod.sampleTown(7, small));

const esm = await attempt(async () => town(await import(pathToFileURL(esmEntry).href)));
const cjs = await attempt(async () => town(require(cjsEntry)));
const esmRefused = await attempt(async () => Object.keys(await import(pathToFileURL(esmControl).href)));
const cjsRefused = await attempt(async () => Object.keys(require(cjsControl)));

console.log(
  JSON.stringify({
    esm: esm.loaded ? { loaded: true, disputes: JSON.parse(esm.value).disputes.length } : esm,
    cjs: cjs.loaded ? { loaded: true, disputes: JSON.parse(cjs.value).disputes.length } : cjs,
    sameTown: esm.loaded && cjs.loaded && esm.value === cjs.value,
    control: { esm: esmRefused.loaded ? "loaded" : esmRefused.error, cjs: cjsRefused.loaded ? "loaded" : cjsRefused.error },
  }),
);
