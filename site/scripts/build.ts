// Builds the documentation site into docs/.vitepress/dist:
//   1. the policy documents, copied from /docs/policy/{zh,en} (README.md becomes the
//      folder's index.md, byte for byte; the core's tests keep /docs/policy equal to
//      what the default configuration renders, and this package's tests keep the
//      copy equal to /docs/policy);
//   2. the guides and the security documents, copied from /docs/guides and
//      /docs/security, links that leave /docs turned into repository paths;
//   3. the API reference of every public package (TypeDoc with
//      typedoc-plugin-markdown and typedoc-vitepress-theme);
//   4. `vitepress build`.
// Everything it writes is ignored by git. It needs no network.
// `--keep-api` reuses the API reference of the previous build (for work on the guides).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { linkMediaToGuides } from "../src/api-media.js";
import { rewriteOutsideLinks } from "../src/outside-links.js";
import { publicPackages } from "../src/packages.js";
import { outDir, policyLangs, repoDocs, siteRoot, srcDir } from "../src/paths.js";

const bin = (name: string): string => join(siteRoot, "node_modules", ".bin", name);

const timed = (label: string, step: () => void): void => {
  const start = performance.now();
  step();
  console.log(`site: ${label} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
};

const fresh = (dir: string): void => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
};

function copyPolicyDocs(): void {
  for (const lang of policyLangs) {
    const from = join(repoDocs, "policy", lang);
    const to = join(srcDir, "policy", lang);
    fresh(to);
    for (const file of readdirSync(from).filter((f) => f.endsWith(".md"))) {
      copyFileSync(join(from, file), join(to, file === "README.md" ? "index.md" : file));
    }
  }
}

function copyGuides(): void {
  for (const folder of ["guides", "security"]) {
    const from = join(repoDocs, folder);
    const to = join(srcDir, folder);
    fresh(to);
    for (const file of readdirSync(from).filter((f) => f.endsWith(".md"))) {
      writeFileSync(join(to, file), rewriteOutsideLinks(readFileSync(join(from, file), "utf8"), `${folder}/${file}`));
    }
  }
}

function apiReference(): void {
  const out = join(srcDir, "api");
  rmSync(out, { recursive: true, force: true });
  const options = {
    name: "Tiaojie 调解 API",
    entryPointStrategy: "packages",
    entryPoints: publicPackages().map((p) => p.dir),
    // Each package's own typecheck task checks its types; the reference is built
    // from what the sources say even while one of them is being edited.
    packageOptions: { excludePrivate: true, excludeInternal: true, excludeExternals: true, disableSources: true, skipErrorChecking: true },
    out,
    plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
    docsRoot: srcDir,
    readme: "none",
    hideGenerator: true,
    disableSources: true,
    excludePrivate: true,
    excludeInternal: true,
    logLevel: "Error",
  };
  const file = join(siteRoot, "typedoc.generated.json");
  writeFileSync(file, JSON.stringify(options, null, 2));
  execFileSync(bin("typedoc"), ["--options", file], { cwd: siteRoot, stdio: "inherit" });
  const guideFiles = readdirSync(join(srcDir, "guides"));
  for (const page of readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"))) {
    const path = join(out, page);
    const text = readFileSync(path, "utf8");
    const linked = linkMediaToGuides(text, guideFiles);
    if (linked !== text) writeFileSync(path, linked);
  }
  for (const copy of guideFiles) rmSync(join(out, "_media", copy), { force: true });
}

const started = performance.now();
timed("policy documents copied", copyPolicyDocs);
timed("guides and security documents copied", copyGuides);
if (process.argv.includes("--keep-api") && existsSync(join(srcDir, "api", "index.md"))) console.log("site: API reference kept from the last build");
else timed("API reference generated", apiReference);
rmSync(outDir, { recursive: true, force: true });
timed("vitepress build", () => execFileSync(bin("vitepress"), ["build", "docs"], { cwd: siteRoot, stdio: "inherit" }));
console.log(`site: built in ${((performance.now() - started) / 1000).toFixed(1)} s into ${outDir}`);
