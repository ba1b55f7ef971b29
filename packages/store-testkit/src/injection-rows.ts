import type { AuditEventRow, RowBase } from "@tiaojie/core";
import type { CollectionName, ScopedName } from "./fixtures/kit-collections.js";
import { villages } from "./fixtures/kit-divisions.js";
import { injectionCorpus } from "./injection-corpus.js";

// What the injection suite writes: the corpus in pools by the kind of field,
// every string field of every collection's rows and of audit events, the rows
// and events made of them, and how what a store returns is compared with what
// it was given, field by field.
//
// Three kinds of string field, by what a store may do with them:
// - `text`: free text and opaque content (names, places, sealed values, JSON
//   inside a dispute): every corpus string, of any length;
// - `key`: ids, references and codes, which a store may keep in a column of
//   bounded length and compare: the corpus strings of at most 64 characters
//   (the ledger's ids are at most 64, its codes and days shorter);
// - `place`: a row's jurisdiction, the scope key: a real village code followed
//   by a corpus string, so that the row still lies within the village (the
//   port's scope is a prefix of the code) and `find` must return it.
// Strings with U+0000 are kept apart (`nulStrings`) for probes of their own.

/** The longest string a key field gets. */
export const KEY_MAX = 64;

/** The salt of the kit's baseline rows under every injection test. */
export const SALT = 5;

export const hasNul = (s: string): boolean => s.includes("\u0000");

export type Pool = "text" | "key" | "place";

export const textPool: ReadonlyArray<string> = injectionCorpus.filter((s) => !hasNul(s));

export const keyPool: ReadonlyArray<string> = textPool.filter((s) => s.length <= KEY_MAX);

export const placeSuffixes: ReadonlyArray<string> = keyPool.filter((s) => s.length <= KEY_MAX - 12);

export const nulStrings: ReadonlyArray<string> = injectionCorpus.filter(hasNul);

const poolOf: { readonly [P in Pool]: ReadonlyArray<string> } = { text: textPool, key: keyPool, place: placeSuffixes };

/** A village of the kit followed by a corpus string: within that village by the port's prefix rule. */
export const placeValue = (i: number, suffix: string): string => `${villages[i % villages.length]!}${suffix}`;

export type Path = ReadonlyArray<string | number>;

/**
 * One string field of a row: where it is, and whether the string is the value
 * there or the name of a key of the object there (`asKey`: a JSON key, which a
 * store serialising rows must escape as well as values; `besides` are the
 * object's fixed keys).
 */
export interface StringField {
  readonly field: string;
  readonly pool: Pool;
  readonly path: Path;
  readonly asKey?: { readonly besides: ReadonlyArray<string> };
}

export const f = (field: string, pool: Pool, path: Path = field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))): StringField => ({ field, pool, path });

const keyed = (field: string, path: Path, besides: ReadonlyArray<string> = []): StringField => ({ field, pool: "text", path, asKey: { besides } });

export const idField = f("id", "key");

const place = f("jurisdiction", "place");

/** Every string field of each collection's rows, as the port types them. */
export const rowFields: { readonly [N in CollectionName]: ReadonlyArray<StringField> } = {
  disputes: [
    idField,
    place,
    ...["township", "domain", "reportedOn", "reportedMonth", "settledOn", "status", "level", "priority", "leadUnit", "parties.0", "parties.1"].map((n) => f(n, "key")),
    ...["dispute.summary", "dispute.parties.0.name", "case.history.0.note", "grading.tableVersion", "grading.firedRules.0", "grading.prioritySetBy", "route.reason", "measures.0.measure"].map((n) =>
      f(n, "text"),
    ),
    keyed("case.fields (a JSON key)", ["case", "fields"]),
  ],
  persons: [idField, place, f("name", "text"), f("sealed", "text"), f("identityIndex", "key"), f("registeredOn", "key"), f("erasedOn", "key")],
  personKeys: [idField, place, f("kekId", "key"), f("wrapped", "text")],
  listings: [idField, f("person", "key"), place, f("responsibleUnit", "key"), f("closedOn", "key"), f("sealed", "text")],
  tasks: [
    idField,
    place,
    ...["kind", "unit", "dispute", "listing", "person", "dueOn", "doneOn"].map((n) => f(n, "key")),
    ...["detail.rule", "detail.kind", "detail.precedence", "sealed"].map((n) => f(n, "text")),
  ],
  grades: [idField, f("dispute", "key"), place, f("decision.reason", "text"), keyed("decision.basis (a JSON key)", ["decision", "basis"]), f("prioritySetBy", "text")],
  submissions: [idField, f("unit", "key"), place, f("deadline", "key")],
  hazards: [
    idField,
    place,
    f("place", "text"),
    f("hazard", "text"),
    f("responsibleUnit", "key"),
    f("foundOn", "key"),
    f("deadline", "key"),
    f("status", "key"),
    f("fixedOn", "key"),
    f("measure", "text"),
  ],
  idempotency: [idField, f("useCase", "text"), f("fingerprint", "text"), f("result.reply", "text"), f("result.items.0", "text"), keyed("result.byName (a JSON key)", ["result", "byName"])],
};

/** Every string field of an audit event. */
export const eventFields: ReadonlyArray<StringField> = [
  idField,
  f("chain", "key"),
  f("actor.officerId", "key"),
  f("actor.unit", "key"),
  f("actor.role", "key"),
  f("action", "text"),
  f("entity.kind", "key"),
  f("entity.id", "key"),
  f("fields.0", "text"),
  f("fields.1", "text"),
  f("purpose", "text"),
  f("note.useCase", "text"),
  keyed("note (a key)", ["note"], ["useCase"]),
  f("prev", "key"),
  f("hash", "key"),
  f("outcome", "key"),
];

/** What is not a string in each collection's rows (the rest comes from the fields). */
const nonStrings: { readonly [N in CollectionName]: Readonly<Record<string, unknown>> } = {
  disputes: { gradeConfirmed: true, dispute: { facts: { peopleInvolved: 2, threatOfViolence: false } } },
  persons: {},
  personKeys: {},
  listings: {},
  tasks: {},
  grades: { decision: { level: 2 } },
  submissions: { submittedAt: 1_736_000_000_000 },
  hazards: {},
  idempotency: { at: 1_736_000_000_000, result: { count: 0, ok: true } },
};

type Json = Record<string, unknown>;

/** The object or array at `path` of `target`, made on the way as the path's next segment says (an index makes an array). */
const holderAt = (target: Json, path: Path, fullPath: Path = path): Json => {
  let at: Record<string | number, unknown> = target;
  for (const [i, seg] of path.entries()) {
    if (at[seg] === undefined) at[seg] = typeof fullPath[i + 1] === "number" ? [] : {};
    at = at[seg] as Record<string | number, unknown>;
  }
  return at as Json;
};

const put = (target: Json, field: StringField, value: string): void => {
  if (field.asKey !== undefined) {
    // defineProperty, so that a key such as `__proto__` is an own key, as JSON.parse makes it.
    Object.defineProperty(holderAt(target, field.path), value, { value: "键", enumerable: true, writable: true, configurable: true });
    return;
  }
  holderAt(target, field.path.slice(0, -1), field.path)[field.path.at(-1)!] = value;
};

/** The string a row holds in a field (`undefined` when it has none there). */
export const read = (row: unknown, field: StringField): unknown => {
  let at: unknown = row;
  for (const seg of field.path) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[seg];
  }
  if (field.asKey === undefined) return at;
  if (typeof at !== "object" || at === null) return undefined;
  const keys = Object.keys(at).filter((k) => !field.asKey!.besides.includes(k));
  return keys.length === 1 ? keys[0] : keys;
};

/** Plain JSON data, as the kit's rows are. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A row of the collection with the string `pick` chooses for each field. */
export const rowOf = (name: CollectionName, version: number, pick: (field: StringField, k: number) => string): RowBase => {
  const row: Json = { version, ...structuredClone(nonStrings[name]) };
  rowFields[name].forEach((field, k) => put(row, field, pick(field, k)));
  return plain(row) as unknown as RowBase;
};

/** An audit event with the string `pick` chooses for each field, at `seq`. */
export const eventOf = (seq: number, pick: (field: StringField, k: number) => string): AuditEventRow => {
  const event: Json = { seq, at: 1_736_000_000_000 + seq };
  eventFields.forEach((field, k) => put(event, field, pick(field, k)));
  return plain(event) as unknown as AuditEventRow;
};

/** The number of rows that put every string of every field's pool once (at least). */
const rowCount = (fields: ReadonlyArray<StringField>): number => Math.max(...fields.map((x) => poolOf[x.pool].length));

/**
 * The string of field `k` in row `i`: the field's pool walked from an offset
 * of its own, so that each field meets every string of its pool and one row
 * holds many different ones. Row ids are the key pool in order, then plain
 * ids for the rows beyond it.
 */
const corpusPick =
  (i: number, version: number) =>
  (field: StringField, k: number): string => {
    if (field === idField) return i < keyPool.length ? keyPool[i]! : `inj-row-${i}`;
    const pool = poolOf[field.pool];
    const s = pool[(i + 7 * k + 13 * (version - 1)) % pool.length]!;
    return field.pool === "place" ? placeValue(i + k, s) : s;
  };

export const corpusRows = (name: CollectionName, version: number): ReadonlyArray<RowBase> =>
  Array.from({ length: rowCount(rowFields[name]) }, (_, i) => rowOf(name, version, corpusPick(i, version)));

/** The corpus events: each on the chain its `chain` field names, numbered from 1 along each chain. */
export const corpusEvents = (): ReadonlyArray<AuditEventRow> => {
  const seqs = new Map<string, number>();
  return Array.from({ length: rowCount(eventFields) }, (_, i) => {
    const draft = eventOf(0, corpusPick(i, 1));
    const seq = (seqs.get(draft.chain) ?? 0) + 1;
    seqs.set(draft.chain, seq);
    return { ...draft, seq, at: draft.at + seq };
  });
};

/**
 * The rows the filter tests query: the corpus rows with their key and place
 * fields as in the verbatim tests, their free text plain (the filters never
 * read it, and every query then returns small rows).
 */
export const filterRows = (name: ScopedName): ReadonlyArray<RowBase> =>
  Array.from({ length: rowCount(rowFields[name].filter((x) => x.pool !== "text")) }, (_, i) =>
    rowOf(name, 1, (field, k) => (field.pool === "text" ? "正文" : corpusPick(i, 1)(field, k))),
  );

/**
 * The strings of a U+0000 probe: the target field gets `nul`, the id `id`,
 * every other field a plain value; key fields differ from probe to probe (an
 * event's chain among them, so that each probe starts a chain of its own).
 */
export const plainPick =
  (n: number, target: StringField, nul: string, id: string) =>
  (field: StringField, k: number): string => {
    if (field === target) return field.pool === "place" ? placeValue(k, nul) : nul;
    if (field === idField) return id;
    return field.pool === "place" ? placeValue(k, "") : field.pool === "key" ? `plain-${n}-${k}` : "正文";
  };

/** A string that did not come back as written: which row and field, and a message. */
export interface Difference {
  readonly at: string;
  readonly message: string;
}

/** The field-by-field differences of what a store returned from what was written. */
export const differences = (what: string, fields: ReadonlyArray<StringField>, written: ReadonlyArray<RowBase | AuditEventRow>, got: ReadonlyArray<unknown>): ReadonlyArray<Difference> => {
  const out: Difference[] = [];
  written.forEach((row, i) => {
    for (const field of fields) {
      const expected = read(row, field);
      const actual = read(got[i], field);
      if (!Object.is(actual, expected)) out.push({ at: `${i}:${field.field}`, message: `${what}: ${field.field} written as ${show(expected)} came back as ${show(actual)} (row ${show(row.id)})` });
    }
  });
  return out;
};

/** How many (row, field) pairs of `written` came back verbatim everywhere, given the differences found. */
export const verbatimCount = (written: number, fields: number, problems: ReadonlyArray<Difference>): number => written * fields - new Set(problems.map((p) => p.at)).size;

/** A string for a message: JSON, cut short. */
export const show = (value: unknown): string => {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 60)}…(${s.length} characters)` : s;
};
