import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError, type CliIo, ExitCode } from "./cli-io.js";

/** The bytes of a file, or of standard input for `-`. */
export const readInput = async (io: CliIo, file: string): Promise<Buffer> => {
  if (file === "-") {
    if (io.stdin === undefined) throw new CliError({ zh: "没有标准输入", en: "no standard input" }, ExitCode.usage);
    const chunks: Array<Buffer> = [];
    for await (const c of io.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (e) {
    throw new CliError({ zh: `无法读取 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, en: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }, ExitCode.config);
  }
};

/** JSON from a file or standard input, with the file named in the error. */
export const readJsonInput = async (io: CliIo, file: string): Promise<unknown> => {
  const text = (await readInput(io, file)).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError({ zh: `${file} 不是有效的 JSON：${(e as Error).message}`, en: `${file} is not valid JSON: ${(e as Error).message}` }, ExitCode.refused);
  }
};

/** A whole number from a flag, or a usage error naming it. */
export const wholeFlag = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliError({ zh: `${name} 应是非负整数，而不是“${value}”`, en: `${name} must be a whole number, not "${value}"` }, ExitCode.usage);
  return n;
};
