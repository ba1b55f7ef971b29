import { pathToFileURL } from "node:url";
import { format } from "node:util";

const METHODS = ["log", "info", "warn", "error"] as const;

/**
 * Imports the module `file` (a prepared block) and returns the lines it printed
 * through `console.log`, `info`, `warn` and `error` while it loaded, each call
 * formatted as `console` would and split at its newlines. The console is restored
 * afterwards, also when the module throws (the promise then rejects with its error).
 * A module runs once per process: importing the same file again prints nothing.
 */
export const runBlock = async (file: string): Promise<ReadonlyArray<string>> => {
  const printed: Array<string> = [];
  const record = (...args: Array<unknown>): void => {
    printed.push(...format(...args).split("\n"));
  };
  const saved = METHODS.map((method) => [method, console[method]] as const);
  for (const method of METHODS) console[method] = record;
  try {
    await import(pathToFileURL(file).href);
  } finally {
    for (const [method, original] of saved) console[method] = original;
  }
  return printed;
};
