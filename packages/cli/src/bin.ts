#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// A reader that stops early (`tiaojie list | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await runCli(process.argv.slice(2));
