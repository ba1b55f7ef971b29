import { randomUUID } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

// Replaces a file's contents all at once: the text goes to a temporary file
// beside it (same directory, so the same file system), which is flushed to disk
// and then renamed over the file. A rename within a file system is atomic on
// POSIX systems and on Windows' NTFS: a reader, or the next start after a crash,
// finds the old contents or the new ones, never half of each. The directory is
// flushed too (where the platform allows), so the rename itself survives a power
// cut.

/** Whether to wait for the disk: `fsync` of the temporary file and of the directory. */
export interface AtomicWriteOptions {
  readonly fsync: boolean;
}

/** The temporary file's name: hidden, beside the file, unique to this write. */
const temporaryName = (file: string): string => join(dirname(file), `.${basename(file)}.${process.pid}.${randomUUID()}.tmp`);

/**
 * Flushes a directory's entries, as far as the platform allows. It never fails:
 * it runs after the rename, when the new contents are already the file's, and a
 * failure then must not report a commit as failed that readers already see
 * (Windows cannot open a directory for it at all).
 */
const syncDirectory = async (directory: string): Promise<void> => {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: see above
  }
};

/**
 * Writes `text` as the whole contents of `file`, atomically. The file is created
 * readable and writable by its owner only (it holds names and sealed personal
 * data). On failure the file is unchanged and the temporary file removed.
 */
export const writeFileAtomically = async (file: string, text: string, options: AtomicWriteOptions): Promise<void> => {
  const temporary = temporaryName(file);
  try {
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      if (options.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
  if (options.fsync) await syncDirectory(dirname(file));
};
