import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// The reader's fuzzing runs on every core: each worker thread runs its share of
// the inputs (its own seed) and posts its figures back. A worker loads the
// TypeScript sources through tsx (a devDependency), so it checks the same code
// as the test around it.

/** How many workers: one a core, at least one. */
export const workerCount = (): number => Math.max(1, availableParallelism());

/**
 * Runs `entry` (a TypeScript module) in one worker a share, each given its
 * share as `workerData`; resolves with what each posts, in order.
 */
export const runInWorkers = <Share, Answer>(entry: URL, shares: ReadonlyArray<Share>): Promise<Array<Answer>> => {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return Promise.all(
    shares.map(
      (share) =>
        new Promise<Answer>((resolve, reject) => {
          const worker = new Worker(code, { eval: true, workerData: share });
          let answered = false;
          worker.once("message", (answer: Answer) => {
            answered = true;
            resolve(answer);
          });
          worker.once("error", reject);
          worker.once("exit", (code) => {
            if (!answered) reject(new Error(`a fuzzing worker ended (exit code ${code}) without its figures`));
          });
        }),
    ),
  );
};
