// Writes the policy documents (docs/policy/zh and docs/policy/en) from the rule
// configuration the code runs. `pnpm run docs` runs it; a test fails when the
// committed documents differ from what this would write.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderPolicyDocs } from "../src/policy-docs/policy-docs.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "policy");

for (const lang of ["zh", "en"] as const) {
  const folder = join(root, lang);
  mkdirSync(folder, { recursive: true });
  for (const doc of renderPolicyDocs(undefined, lang)) writeFileSync(join(folder, doc.file), doc.markdown);
  console.log(`policy docs (${lang}) written to ${folder}`);
}
