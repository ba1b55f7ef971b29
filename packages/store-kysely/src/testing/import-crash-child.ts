// A bulk import in its own process, for import-crash.long.test.ts, which kills
// it with SIGKILL at a moment of its choosing (no clean-up runs: the file is
// left as the crash left it) and then runs it again on the same file. The
// import registers the fixture town's disputes under one run id, so each run
// resumes after the last batch a previous one committed. It prints one line per
// progress call, `progress <done> <total>` (the first, before any batch, gives
// what earlier runs committed), and, if it is not killed, `result <json>`.
//
// Usage: node --import tsx import-crash-child.ts <file> <disputes> <batch size>
import { sqliteStore } from "../index.js";
import { ledgerFixture } from "./ledger-fixture.js";

const [file, disputes, batchSize] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const store = await sqliteStore({ file });
const fx = ledgerFixture(store, { disputes });
const r = await fx.ledger.registerDisputes(fx.officer, {
  run: "import-crash",
  items: fx.forms,
  batchSize,
  // Synchronous on a pipe (Linux): the parent sees the line before the next batch begins.
  onProgress: (done, total) => void process.stdout.write(`progress ${done} ${total}\n`),
});
await store.close();
if (!r.ok) {
  process.stderr.write(`import failed: ${r.error._tag}: ${r.error.message}\n`);
  process.exit(1);
}
const { resumedFrom, registered, batches, total } = r.value;
process.stdout.write(`result ${JSON.stringify({ resumedFrom, registered, batches, total })}\n`);
