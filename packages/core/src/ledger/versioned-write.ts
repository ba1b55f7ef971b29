import { Effect } from "effect";
import type { Collection } from "../ports/ledger-store.js";
import type { AuditEntityKind, RowBase } from "../ports/store-rows.js";
import { RecordNotFound, type StoreFailure, VersionConflict } from "./ledger-errors.js";
import type { Work } from "./unit-of-work.js";

/** @internal Reads a row the caller means to change, refusing a stale version before any work. */
export const loadForUpdate = <R extends RowBase, W>(
  work: Work,
  collection: Collection<R, W>,
  entity: AuditEntityKind,
  id: string,
  version: number | undefined,
): Effect.Effect<R, RecordNotFound | VersionConflict | StoreFailure> =>
  Effect.flatMap(work.call(() => collection.get(id)), (row): Effect.Effect<R, RecordNotFound | VersionConflict> => {
    if (row === undefined) return Effect.fail(new RecordNotFound({ entity, id }));
    if (version !== undefined && row.version !== version) return Effect.fail(new VersionConflict({ entity, id, expected: version, actual: row.version }));
    return Effect.succeed(row);
  });

/** @internal Writes the next version of a row; a concurrent change is a conflict, never an overwrite. */
export const writeNext = <R extends RowBase, W>(
  work: Work,
  collection: Collection<R, W>,
  entity: AuditEntityKind,
  current: R,
  next: Omit<R, "version">,
): Effect.Effect<R, RecordNotFound | VersionConflict | StoreFailure> => {
  const row = { ...next, version: current.version + 1 } as R;
  return Effect.flatMap(work.call(() => collection.update(row, current.version)), (outcome): Effect.Effect<R, RecordNotFound | VersionConflict | StoreFailure> => {
    if (outcome === "done") return Effect.succeed(row);
    if (outcome === "missing") return Effect.fail(new RecordNotFound({ entity, id: current.id }));
    return Effect.flatMap(work.call(() => collection.get(current.id)), (now) =>
      Effect.fail(new VersionConflict({ entity, id: current.id, expected: current.version, ...(now ? { actual: now.version } : {}) })),
    );
  });
};
