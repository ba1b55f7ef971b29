// The tables of the store, described once. The description drives three things:
// the `Database` type Kysely checks every query against, the migrations that
// create the tables on each dialect, and the test that compares both with what
// each database reports about itself. Every name starts with `tiaojie_`, so the
// tables sit beside a host application's own without a clash.
//
// Portable by design: no auto-increment or sequence (every key is the ledger's
// own id), no stored procedure, no dialect-only type where a portable one serves
// (dialects choose only the spelling of text, binary and identifier types).

/**
 * What a column holds, and so its type on each dialect:
 * - `id`: an identifier compared byte by byte (binary collation);
 * - `short`: a code, a day, a month, a status (at most 64 characters);
 * - `json`: a JSON document of any size;
 * - `bytes`: binary (sealed values, wrapped keys);
 * - `int`: a 32-bit whole number (versions, audit positions, 0/1 flags).
 * @since 0.4.0
 */
export type ColumnKind = "id" | "short" | "json" | "bytes" | "int";

/**
 * One column: its kind and whether it may be null.
 * @since 0.4.0
 */
export interface ColumnSpec {
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

const col = <K extends ColumnKind, N extends boolean>(kind: K, nullable: N): { readonly kind: K; readonly nullable: N } => ({ kind, nullable });
const id = col("id", false);
const idNull = col("id", true);
const short = col("short", false);
const shortNull = col("short", true);
const json = col("json", false);
const int = col("int", false);
const bytesNull = col("bytes", true);

/**
 * One table: its columns in order, its primary key, and its secondary indexes
 * (each named, with its columns in order).
 * @since 0.4.0
 */
export interface TableSpec {
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  readonly primaryKey: ReadonlyArray<string>;
  readonly indexes: Readonly<Record<string, ReadonlyArray<string>>>;
}

const table = <C extends Record<string, ColumnSpec>>(spec: {
  columns: C;
  primaryKey: ReadonlyArray<keyof C & string>;
  indexes: Record<string, ReadonlyArray<keyof C & string>>;
}) => spec;

/**
 * Every table of the store. Each collection of the port keeps a row as its id,
 * its version, the columns its filters read (copies of fields of the row) and
 * `body`, the JSON of the rest; sealed values are binary columns of their own.
 *
 * @example
 * ```ts
 * Object.keys(tables); // ["tiaojie_dispute", "tiaojie_dispute_party", …]
 * ```
 * @since 0.4.0
 */
export const tables = {
  tiaojie_dispute: table({
    columns: {
      id,
      version: int,
      jurisdiction: short,
      township: short,
      domain: short,
      reported_on: short,
      reported_month: short,
      settled_on: short,
      status: short,
      level: short,
      priority: short,
      grade_confirmed: int,
      lead_unit: idNull,
      body: json,
    },
    primaryKey: ["id"],
    indexes: {
      // The monthly report's count: one range of divisions, grouped by the cells.
      tiaojie_dispute_report: ["jurisdiction", "status", "settled_on", "domain", "level", "priority", "grade_confirmed", "lead_unit"],
      tiaojie_dispute_township: ["township", "id"],
      tiaojie_dispute_month: ["reported_month", "jurisdiction"],
      tiaojie_dispute_lead: ["lead_unit", "status"],
    },
  }),
  tiaojie_dispute_party: table({
    columns: { dispute_id: id, person_id: id },
    primaryKey: ["dispute_id", "person_id"],
    indexes: { tiaojie_dispute_party_person: ["person_id", "dispute_id"] },
  }),
  tiaojie_person: table({
    columns: {
      id,
      version: int,
      jurisdiction: short,
      identity_index: shortNull,
      erased_on: shortNull,
      sealed: bytesNull,
      body: json,
    },
    primaryKey: ["id"],
    indexes: { tiaojie_person_identity: ["identity_index"], tiaojie_person_scope: ["jurisdiction", "id"] },
  }),
  tiaojie_person_key: table({
    columns: { id, version: int, jurisdiction: short, kek_id: id, wrapped: bytesNull, body: json },
    primaryKey: ["id"],
    indexes: { tiaojie_person_key_kek: ["kek_id"] },
  }),
  tiaojie_listing: table({
    columns: {
      id,
      version: int,
      jurisdiction: short,
      person_id: id,
      responsible_unit: id,
      closed_on: shortNull,
      sealed: bytesNull,
      body: json,
    },
    primaryKey: ["id"],
    indexes: { tiaojie_listing_person: ["person_id"], tiaojie_listing_scope: ["jurisdiction", "closed_on"] },
  }),
  tiaojie_task: table({
    columns: {
      id,
      version: int,
      jurisdiction: short,
      kind: short,
      dispute_id: idNull,
      listing_id: idNull,
      person_id: idNull,
      unit: idNull,
      done_on: shortNull,
      sealed: bytesNull,
      body: json,
    },
    primaryKey: ["id"],
    indexes: {
      tiaojie_task_dispute: ["dispute_id"],
      tiaojie_task_listing: ["listing_id"],
      tiaojie_task_unit: ["unit", "done_on"],
    },
  }),
  tiaojie_grade: table({
    columns: { id, version: int, jurisdiction: short, dispute_id: id, body: json },
    primaryKey: ["id"],
    indexes: { tiaojie_grade_dispute: ["dispute_id"] },
  }),
  tiaojie_submission: table({
    columns: { id, version: int, jurisdiction: short, unit: id, deadline: id, body: json },
    primaryKey: ["id"],
    indexes: { tiaojie_submission_unit: ["unit", "deadline"] },
  }),
  tiaojie_hazard: table({
    columns: { id, version: int, jurisdiction: short, status: short, responsible_unit: id, deadline: short, body: json },
    primaryKey: ["id"],
    indexes: { tiaojie_hazard_scope: ["jurisdiction", "status", "deadline"] },
  }),
  tiaojie_idempotency: table({
    columns: { id, version: int, body: json },
    primaryKey: ["id"],
    indexes: {},
  }),
  tiaojie_audit: table({
    columns: { chain: id, seq: int, hash: short, body: json },
    // Two writers can never both append the same position of a chain.
    primaryKey: ["chain", "seq"],
    indexes: {},
  }),
} as const satisfies Readonly<Record<string, TableSpec>>;

/**
 * The name of a table of the store.
 * @since 0.4.0
 */
export type TableName = keyof typeof tables;

type ValueOf<K extends ColumnKind> = K extends "int" ? number : K extends "bytes" ? Uint8Array : string;
type ColumnValue<C extends ColumnSpec> = C["nullable"] extends true ? ValueOf<C["kind"]> | null : ValueOf<C["kind"]>;

/**
 * The store's tables as Kysely's database type, derived from {@link tables}.
 *
 * @example
 * ```ts
 * import type { Kysely } from "kysely";
 * declare const db: Kysely<Database>;
 * await db.selectFrom("tiaojie_dispute").select(["id", "status"]).execute();
 * ```
 * @since 0.4.0
 */
export type Database = {
  -readonly [T in TableName]: { -readonly [C in keyof Columns<T>]: Columns<T>[C] extends ColumnSpec ? ColumnValue<Columns<T>[C]> : never };
};

type Columns<T extends TableName> = (typeof tables)[T]["columns"];
