import { parentPort, workerData } from "node:worker_threads";
import { type ReaderShare, fuzzReader } from "./reader-property.js";

// One worker's share of the reader's fuzzing (see workers.ts).
parentPort!.postMessage(await fuzzReader(workerData as ReaderShare));
