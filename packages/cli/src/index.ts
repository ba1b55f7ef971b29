/**
 * The `tiaojie` command, and `runCli` to run it from a program or a test.
 *
 * @packageDocumentation
 */
export { CliError, type CliIo, ExitCode, outputLang } from "./cli-io.js";
export { runCli } from "./run-cli.js";
