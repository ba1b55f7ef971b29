import { parentPort, workerData } from "node:worker_threads";
import { fuzzReader } from "./reader-property.js";

// One worker's share of the reader's fuzzing (see workers.ts).
const share = workerData as { readonly seed: number; readonly runs: number };
parentPort!.postMessage(await fuzzReader(share));
