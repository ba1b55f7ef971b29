import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside it,
 * renamed over the target only once every byte is written. A failed or stopped
 * export leaves no half-written file.
 */
export const writeWhole = async (file: string, bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | string): Promise<void> => {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.part`);
  await mkdir(dirname(file), { recursive: true });
  try {
    const source = typeof bytes === "string" ? Readable.from([Buffer.from(bytes, "utf8")]) : Readable.from(bytes);
    await pipeline(source, createWriteStream(temp, { flags: "wx" }));
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
};
