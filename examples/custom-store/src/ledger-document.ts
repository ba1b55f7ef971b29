import type { AuditEventRow, RowBase } from "@tiaojie/core";
import { type CollectionName, byId, collectionNames } from "./collections.js";
import { JsonFileStoreError } from "./json-file-store-error.js";

// The committed ledger, in memory and as the file's text. The in-memory form is
// never changed in place: a commit makes a new document (sharing the rows it did
// not touch), so a reader of the old one is never surprised. Stored rows and
// events are never handed out either; the collections copy them on the way out.
//
// The file, version 1:
//
//   {"format":"tiaojie-json-file-store/1",
//   "collections":{
//   "disputes":[
//   {…one row per line, in id order…}
//   ],
//   …every collection…},
//   "audit":[
//   {…one event per line, by chain name, then seq…}
//   ]}
//
// Rows and events are kept by id and chain in Maps (never as object keys, where
// an id such as "__proto__" would misbehave), and written as arrays.

/** The `format` of the files this store reads and writes. */
export const FILE_FORMAT = "tiaojie-json-file-store/1";

/** Everything committed: each collection's rows by id, each chain's events in ascending seq. */
export interface LedgerDocument {
  readonly rows: { readonly [N in CollectionName]: ReadonlyMap<string, RowBase> };
  readonly chains: ReadonlyMap<string, ReadonlyArray<AuditEventRow>>;
}

/** A ledger with nothing in it. */
export const emptyDocument = (): LedgerDocument => ({
  rows: Object.fromEntries(collectionNames.map((name) => [name, new Map()])) as unknown as LedgerDocument["rows"],
  chains: new Map(),
});

/** The chain names with events, sorted (JavaScript's `sort`). */
export const sortedChains = (document: LedgerDocument): ReadonlyArray<string> => [...document.chains.keys()].sort();

const lines = (items: ReadonlyArray<unknown>): string => (items.length === 0 ? "[]" : `[\n${items.map((item) => JSON.stringify(item)).join(",\n")}\n]`);

/**
 * The document as the file's text: the same text for the same state, whatever
 * writes led to it (rows in id order, chains by name, events by seq).
 */
export const documentText = (document: LedgerDocument): string => {
  const collections = collectionNames.map((name) => `${JSON.stringify(name)}:${lines([...document.rows[name].values()].sort(byId))}`);
  const events = sortedChains(document).flatMap((chain) => document.chains.get(chain)!);
  return `{"format":${JSON.stringify(FILE_FORMAT)},\n"collections":{\n${collections.join(",\n")}},\n"audit":${lines(events)}}\n`;
};

const invalid = (file: string, zh: string, en: string): JsonFileStoreError =>
  new JsonFileStoreError("invalid-file", { zh: `文件 ${file} 不是台账文件：${zh}`, en: `${file} is not a ledger file of this store: ${en}` });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const isVersion = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1;

/**
 * Reads a document from the file's text. It checks what the store itself relies
 * on (the format, the collections, an id and a version on every row, a chain and
 * a seq on every event, no id or `(chain, seq)` twice) and nothing about what the
 * rows mean: that is the service's.
 */
export const parseDocument = (file: string, text: string): LedgerDocument => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw invalid(file, `不是有效的 JSON（${String(cause)}）`, `not valid JSON (${String(cause)})`);
  }
  if (!isObject(value) || value["format"] !== FILE_FORMAT) {
    throw invalid(file, `缺少 "format": "${FILE_FORMAT}"`, `it lacks "format": "${FILE_FORMAT}"`);
  }
  const collections = value["collections"];
  if (!isObject(collections)) throw invalid(file, "缺少 collections", "it has no collections");
  const unknown = Object.keys(collections).filter((key) => !(collectionNames as ReadonlyArray<string>).includes(key));
  if (unknown.length > 0) throw invalid(file, `未知的集合 ${unknown.join("、")}`, `unknown collections ${unknown.join(", ")}`);
  const rows = {} as Record<CollectionName, Map<string, RowBase>>;
  for (const name of collectionNames) {
    const list = collections[name] ?? [];
    if (!Array.isArray(list)) throw invalid(file, `集合 ${name} 不是数组`, `collection ${name} is not an array`);
    const byKey = new Map<string, RowBase>();
    for (const row of list as ReadonlyArray<unknown>) {
      if (!isObject(row) || typeof row["id"] !== "string" || !isVersion(row["version"])) {
        throw invalid(file, `集合 ${name} 中有缺少 id 或 version 的行`, `collection ${name} has a row without an id or a version`);
      }
      if (byKey.has(row["id"])) throw invalid(file, `集合 ${name} 中 id ${row["id"]} 出现两次`, `collection ${name} has the id ${row["id"]} twice`);
      byKey.set(row["id"], row as unknown as RowBase);
    }
    rows[name] = byKey;
  }
  const audit = value["audit"] ?? [];
  if (!Array.isArray(audit)) throw invalid(file, "audit 不是数组", "audit is not an array");
  const chains = new Map<string, AuditEventRow[]>();
  const seqs = new Map<string, Set<number>>();
  for (const event of audit as ReadonlyArray<unknown>) {
    if (!isObject(event) || typeof event["chain"] !== "string" || !Number.isInteger(event["seq"])) {
      throw invalid(file, "有缺少 chain 或 seq 的审计事件", "an audit event has no chain or seq");
    }
    const chain = event["chain"];
    const seq = event["seq"] as number;
    const seen = seqs.get(chain) ?? new Set<number>();
    if (seen.has(seq)) {
      throw invalid(file, `审计链 ${chain} 中序号 ${seq} 出现两次`, `audit chain ${chain} has seq ${seq} twice`);
    }
    seen.add(seq);
    seqs.set(chain, seen);
    const list = chains.get(chain) ?? [];
    list.push(event as unknown as AuditEventRow);
    chains.set(chain, list);
  }
  for (const list of chains.values()) list.sort((a, b) => a.seq - b.seq);
  return { rows, chains };
};
