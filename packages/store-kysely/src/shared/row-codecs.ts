import type {
  DisputeRow,
  DisputeWhere,
  GradeRow,
  GradeWhere,
  HazardRow,
  HazardWhere,
  IdempotencyRow,
  LedgerTransaction,
  ListingRow,
  ListingWhere,
  Match,
  PersonKeyRow,
  PersonKeyWhere,
  PersonRow,
  PersonWhere,
  RowBase,
  SubmissionRow,
  SubmissionWhere,
  TaskRow,
  TaskWhere,
} from "@tiaojie/core";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database, TableName } from "../schema/tables.js";
import { packSealed, packWrapped, unpackSealed, unpackWrapped } from "./sealed-bytes.js";

// How each collection of the port is kept in its table: which columns a row
// gives (copies of the fields its filters read), which fields are binary, and
// how a `where` becomes SQL. Everything else of a row is `body`, its JSON.

/** The names of the collections of a {@link LedgerTransaction}. */
export type CollectionName = Exclude<keyof LedgerTransaction, "audit" | "disputeCounts">;

/** A stored row as the database returns it: column name to value. */
export type StoredRow = Readonly<Record<string, unknown>>;

/** A filter condition on a table's columns. */
export type Condition = Expression<SqlBool>;

type Eb = ExpressionBuilder<Database, TableName>;

/** A binary column: which field of the row it holds, and how it is packed. */
interface BinaryField {
  readonly field: string;
  readonly column: string;
  readonly pack: (text: string) => Uint8Array;
  readonly unpack: (bytes: Uint8Array) => string;
}

/**
 * How one collection is kept: its table, its columns from a row, the row from
 * its columns, its filter, and for disputes the parties' rows.
 */
export interface RowCodec<R extends RowBase, W> {
  readonly table: TableName;
  /** Whether `find` answers (`false`: it returns an empty page). */
  readonly scoped: boolean;
  /** The columns other than `id`, `version`, `body` and the binary ones. */
  readonly columns: (row: R) => Record<string, string | number | null>;
  readonly binary: ReadonlyArray<BinaryField>;
  readonly where: (eb: Eb, where: W) => ReadonlyArray<Condition>;
}

const sealedField = (field: string, column = field): BinaryField => ({ field, column, pack: packSealed, unpack: unpackSealed });

const none = sql<SqlBool>`1 = 0`;

/** `column = value` or `column IN (…)`; an empty list matches nothing. */
export const match = <T extends string>(eb: Eb, column: string, value: Match<T> | undefined): ReadonlyArray<Condition> => {
  if (value === undefined) return [];
  const ref = eb.ref(column as never);
  if (!Array.isArray(value)) return [eb(ref, "=", value as never)];
  return value.length === 0 ? [none] : [eb(ref, "in", value as never)];
};

const presence = (eb: Eb, column: string, present: boolean | undefined): ReadonlyArray<Condition> =>
  present === undefined ? [] : [eb(eb.ref(column as never), present ? "is not" : "is", null)];

const compare = (eb: Eb, column: string, op: "<" | "<=" | ">=", day: string | undefined): ReadonlyArray<Condition> =>
  day === undefined ? [] : [eb(eb.ref(column as never), op, day as never)];

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

const disputes: RowCodec<DisputeRow, DisputeWhere> = {
  table: "tiaojie_dispute",
  scoped: true,
  columns: (r) => ({
    jurisdiction: r.jurisdiction,
    township: r.township,
    domain: r.domain,
    reported_on: r.reportedOn,
    reported_month: r.reportedMonth,
    settled_on: r.settledOn,
    status: r.status,
    level: r.level,
    priority: r.priority,
    grade_confirmed: r.gradeConfirmed ? 1 : 0,
    lead_unit: orNull(r.leadUnit),
  }),
  binary: [],
  where: (eb, w) => [
    ...match(eb, "township", w.township),
    ...match(eb, "domain", w.domain),
    ...match(eb, "level", w.level),
    ...match(eb, "priority", w.priority),
    ...match(eb, "status", w.status),
    ...match(eb, "lead_unit", w.leadUnit),
    ...match(eb, "reported_month", w.reportedMonth),
    ...compare(eb, "reported_on", ">=", w.reportedFrom),
    ...compare(eb, "reported_on", "<=", w.reportedTo),
    ...compare(eb, "settled_on", "<", w.settledBefore),
    ...compare(eb, "settled_on", ">=", w.settledFrom),
    ...(w.party === undefined
      ? []
      : [
          eb.exists(
            eb
              .selectFrom("tiaojie_dispute_party")
              .select(sql.lit(1).as("one"))
              .whereRef("tiaojie_dispute_party.dispute_id", "=", "tiaojie_dispute.id")
              .where((inner) => inner.and(match(inner as unknown as Eb, "tiaojie_dispute_party.person_id", w.party) as Array<Condition>)),
          ),
        ]),
  ],
};

const persons: RowCodec<PersonRow, PersonWhere> = {
  table: "tiaojie_person",
  scoped: true,
  columns: (r) => ({ jurisdiction: r.jurisdiction, identity_index: orNull(r.identityIndex), erased_on: orNull(r.erasedOn) }),
  binary: [sealedField("sealed")],
  where: (eb, w) => [...match(eb, "identity_index", w.identityIndex), ...presence(eb, "erased_on", w.erased)],
};

const personKeys: RowCodec<PersonKeyRow, PersonKeyWhere> = {
  table: "tiaojie_person_key",
  scoped: true,
  columns: (r) => ({ jurisdiction: r.jurisdiction, kek_id: r.kekId }),
  binary: [{ field: "wrapped", column: "wrapped", pack: packWrapped, unpack: unpackWrapped }],
  where: (eb, w) => (w.kekIdNot === undefined ? [] : [eb(eb.ref("kek_id" as never), "<>", w.kekIdNot as never)]),
};

const listings: RowCodec<ListingRow, ListingWhere> = {
  table: "tiaojie_listing",
  scoped: true,
  columns: (r) => ({ jurisdiction: r.jurisdiction, person_id: r.person, responsible_unit: r.responsibleUnit, closed_on: orNull(r.closedOn) }),
  binary: [sealedField("sealed")],
  where: (eb, w) => [
    ...match(eb, "person_id", w.person),
    ...match(eb, "responsible_unit", w.responsibleUnit),
    ...presence(eb, "closed_on", w.open === undefined ? undefined : !w.open),
    ...compare(eb, "closed_on", "<", w.closedBefore),
  ],
};

const tasks: RowCodec<TaskRow, TaskWhere> = {
  table: "tiaojie_task",
  scoped: true,
  columns: (r) => ({
    jurisdiction: r.jurisdiction,
    kind: r.kind,
    dispute_id: orNull(r.dispute),
    listing_id: orNull(r.listing),
    person_id: orNull(r.person),
    unit: orNull(r.unit),
    done_on: orNull(r.doneOn),
  }),
  binary: [sealedField("sealed")],
  where: (eb, w) => [
    ...match(eb, "kind", w.kind),
    ...match(eb, "dispute_id", w.dispute),
    ...match(eb, "listing_id", w.listing),
    ...match(eb, "person_id", w.person),
    ...match(eb, "unit", w.unit),
    ...presence(eb, "done_on", w.open === undefined ? undefined : !w.open),
  ],
};

const grades: RowCodec<GradeRow, GradeWhere> = {
  table: "tiaojie_grade",
  scoped: true,
  columns: (r) => ({ jurisdiction: r.jurisdiction, dispute_id: r.dispute }),
  binary: [],
  where: (eb, w) => match(eb, "dispute_id", w.dispute),
};

const submissions: RowCodec<SubmissionRow, SubmissionWhere> = {
  table: "tiaojie_submission",
  scoped: true,
  columns: (r) => ({ jurisdiction: r.jurisdiction, unit: r.unit, deadline: r.deadline }),
  binary: [],
  where: (eb, w) => [...match(eb, "unit", w.unit), ...match(eb, "deadline", w.deadline)],
};

const hazards: RowCodec<HazardRow, HazardWhere> = {
  table: "tiaojie_hazard",
  scoped: true,
  columns: (r) => ({ jurisdiction: r.jurisdiction, status: r.status, responsible_unit: r.responsibleUnit, deadline: r.deadline }),
  binary: [],
  where: (eb, w) => [...match(eb, "status", w.status), ...match(eb, "responsible_unit", w.responsibleUnit), ...compare(eb, "deadline", "<", w.deadlineBefore)],
};

const idempotency: RowCodec<IdempotencyRow, Record<string, never>> = {
  table: "tiaojie_idempotency",
  scoped: false,
  columns: () => ({}),
  binary: [],
  where: () => [],
};

/**
 * Every collection's codec, in the order the store lists them (in a dump and a
 * snapshot).
 */
export const rowCodecs = {
  disputes,
  persons,
  personKeys,
  listings,
  tasks,
  grades,
  submissions,
  hazards,
  idempotency,
} as const;

/** The collections' names, in order. */
export const collectionNames = Object.keys(rowCodecs) as ReadonlyArray<CollectionName>;

/** All of a row's columns, as the table keeps them. */
export const encodeRow = <R extends RowBase>(codec: RowCodec<R, unknown>, row: R): Record<string, unknown> => {
  const fields = row as unknown as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = { id: row.id, version: row.version, ...codec.columns(row) };
  for (const b of codec.binary) {
    const text = fields[b.field];
    out[b.column] = typeof text === "string" ? b.pack(text) : null;
  }
  // The body is built key by key rather than copied and pruned with `delete`,
  // which would make V8 keep the copy as a slow dictionary for JSON.stringify.
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) if (key !== "id" && key !== "version" && !codec.binary.some((b) => b.field === key)) body[key] = fields[key];
  out.body = JSON.stringify(body);
  return out;
};

/** The columns {@link decodeRow} reads. */
export const storedColumns = (codec: RowCodec<RowBase, unknown>): ReadonlyArray<string> => ["id", "version", "body", ...codec.binary.map((b) => b.column)];

/** The row kept in a table's columns. */
export const decodeRow = <R extends RowBase>(codec: RowCodec<R, unknown>, stored: StoredRow): R => {
  const row: Record<string, unknown> = JSON.parse(String(stored.body)) as Record<string, unknown>;
  row.id = String(stored.id);
  row.version = Number(stored.version);
  for (const b of codec.binary) {
    const bytes = stored[b.column];
    if (bytes !== null && bytes !== undefined) row[b.field] = b.unpack(bytes as Uint8Array);
  }
  return row as R;
};

/** The persons among a dispute's parties, as rows of `tiaojie_dispute_party`. */
export const partyRows = (row: DisputeRow): ReadonlyArray<{ dispute_id: string; person_id: string }> =>
  [...new Set<string>(row.parties)].map((p) => ({ dispute_id: row.id, person_id: p }));
