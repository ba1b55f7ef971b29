import { type SqlDialect, createIndexIfNotExists, insertOnConflictDoNothing } from "../shared/sql-dialect.js";
import { type SqlStoreErrorKind, errorFacts } from "../shared/store-errors.js";

// What PostgreSQL spells its own way: identifiers and codes in the "C" collation
// (ordered byte by byte, as the port orders ids), `bytea`, `on conflict do
// nothing`, read committed, and SQLSTATE codes. The same declarations serve the
// PostgreSQL-compatible servers (openGauss, KingbaseES, Citus, YugabyteDB).

const lostCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "57P01", "57P02", "57P03"]);

const classify = (error: unknown): SqlStoreErrorKind | undefined => {
  const { code, message } = errorFacts(error);
  if (code === "23505") return "unique-violation";
  if (code.startsWith("08") || lostCodes.has(code) || /Connection terminated|connection.*(closed|ended)|Client has encountered a connection error/i.test(message)) return "connection-lost";
  if (code === "55P03" || code === "40P01" || code === "40001" || code === "57014") return "busy";
  if (code === "53100" || code === "53200") return "disk-full";
  if (code === "25006") return "read-only";
  return undefined;
};

/**
 * The PostgreSQL dialect of the store (pg through Kysely's `PostgresDialect`).
 * Transactions run at the same time, each at read committed: versions and the
 * audit log's primary key keep them correct.
 * @since 0.4.0
 */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  columnType: (kind) => ({ id: 'varchar(255) collate "C"', short: 'varchar(64) collate "C"', json: "text", bytes: "bytea", int: "integer" })[kind],
  createIndex: createIndexIfNotExists,
  insertOrSkip: insertOnConflictDoNothing,
  concurrentTransactions: true,
  isolation: "read committed",
  classify,
};
