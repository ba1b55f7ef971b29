// A bulk import in its own process, killed by the test after `KILL_AFTER`
// committed batches: a real interruption (no clean-up runs, the file is left as
// the crash left it).
import { sqliteStore } from "../index.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";

const [file, killAfter] = [process.argv[2]!, Number(process.argv[3])];
const store = await sqliteStore({ file });
const fx = ledgerFixture(store, { disputes: 30 });
let batches = 0;
await fx.ledger.registerDisputes(fx.officer, {
  run: "import-1",
  items: fx.forms,
  batchSize: 4,
  onProgress: (done) => {
    if (done > 0 && ++batches === killAfter) process.kill(process.pid, "SIGKILL");
  },
});
process.exit(3); // not reached: the run is killed first
