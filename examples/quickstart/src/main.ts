import { sampleTown } from "@tiaojie/core/testing";
import { summaryLines } from "./demo-summary.js";
import { runLedgerFileDemo } from "./ledger-file-demo.js";
import { outDirOf } from "./out-dir.js";
import { printTour } from "./tour.js";

// `node dist/main.js`: the ledger-file demo and its short summary (the files go to
// ./out of the directory the command was run from, or `--out <dir>`).
// `node dist/main.js --tour`: the five explanatory sections.
const args = process.argv.slice(2);
if (args.includes("--tour")) {
  await printTour();
} else {
  try {
    const out = outDirOf(args, process.env, process.cwd());
    const demo = await runLedgerFileDemo({ town: sampleTown(2024), outDir: out.dir });
    for (const line of summaryLines(demo, out.base)) console.log(line);
    for (const refusal of demo.play.refusals) console.error(`  被拒绝 refused: ${refusal}`);
    if (demo.play.refusals.length > 0 || !demo.verified || demo.tamperedVerified || !demo.reopened.sameCounts) process.exitCode = 1;
  } catch (error) {
    console.error(`演示未能完成 / the demo could not finish: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
