import type { Collection } from "../ports/ledger-store.js";
import type { AuditEntityKind, RowBase } from "../ports/store-rows.js";
import { RecordNotFound, VersionConflict } from "./ledger-errors.js";
import type { ValidationError } from "../validation/validation-error.js";
import { invalid } from "./decode-input.js";
import type { Work } from "./unit-of-work.js";

/** @internal Reads a row the caller means to change (or read), refusing a stale version before any work. */
export const loadForUpdate = async <R extends RowBase, W>(
  work: Work<RecordNotFound | VersionConflict | ValidationError>,
  collection: Collection<R, W>,
  entity: AuditEntityKind,
  id: string,
  version: number | undefined,
): Promise<R> => {
  // A version that is not a whole number is bad input, not a conflict with the stored one
  // (a whole number that is not the stored version, 0 or -1 too, is stale: a conflict).
  if (version !== undefined && !Number.isSafeInteger(version)) {
    return work.fail(invalid(["version"], "版本应是读取记录时得到的正整数", "the version must be the whole number read with the record"));
  }
  const row = await collection.get(id);
  if (row === undefined) return work.fail(new RecordNotFound({ entity, id }));
  if (version !== undefined && row.version !== version) return work.fail(new VersionConflict({ entity, id, expected: version, actual: row.version }));
  return row;
};

/** @internal Writes the next version of a row; a concurrent change is a conflict, never an overwrite. */
export const writeNext = async <R extends RowBase, W>(
  work: Work<RecordNotFound | VersionConflict>,
  collection: Collection<R, W>,
  entity: AuditEntityKind,
  current: R,
  next: Omit<R, "version">,
): Promise<R> => {
  const row = { ...next, version: current.version + 1 } as R;
  const outcome = await collection.update(row, current.version);
  if (outcome === "done") return row;
  if (outcome === "missing") return work.fail(new RecordNotFound({ entity, id: current.id }));
  const now = await collection.get(current.id);
  return work.fail(new VersionConflict({ entity, id: current.id, expected: current.version, ...(now ? { actual: now.version } : {}) }));
};

/** @internal Reads a row by id for reading only: missing is the one failure. */
export const loadRow = async <R extends RowBase, W>(work: Work<RecordNotFound>, collection: Collection<R, W>, entity: AuditEntityKind, id: string): Promise<R> => {
  const row = await collection.get(id);
  return row === undefined ? work.fail(new RecordNotFound({ entity, id })) : row;
};
