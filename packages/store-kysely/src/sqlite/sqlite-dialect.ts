import { type SqlDialect, createIndexIfNotExists, insertOnConflictDoNothing } from "../shared/sql-dialect.js";
import { type SqlStoreErrorKind, errorFacts } from "../shared/store-errors.js";

// What SQLite spells its own way: plain affinities for types, `on conflict do
// nothing`, and better-sqlite3's error codes (SQLITE_… extended result codes).

const classify = (error: unknown): SqlStoreErrorKind | undefined => {
  const { code } = errorFacts(error);
  if (code.startsWith("SQLITE_CONSTRAINT_PRIMARYKEY") || code.startsWith("SQLITE_CONSTRAINT_UNIQUE")) return "unique-violation";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code === "SQLITE_FULL") return "disk-full";
  if (code.startsWith("SQLITE_READONLY")) return "read-only";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN") || code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return "connection-lost";
  return undefined;
};

/**
 * The SQLite dialect of the store (better-sqlite3 through Kysely's `SqliteDialect`).
 * One connection: transactions run one after another.
 * @since 0.4.0
 */
export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  columnType: (kind) => ({ id: "text", short: "text", json: "text", bytes: "blob", int: "integer" })[kind],
  createIndex: createIndexIfNotExists,
  insertOrSkip: insertOnConflictDoNothing,
  concurrentTransactions: false,
  classify,
};

