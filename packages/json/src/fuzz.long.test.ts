// Fuzzing of the JSON and NDJSON readers and of `importJson`: real files
// exported by a town's ledger, damaged the ways files are (truncated, a bit
// flipped, bytes in or out, a BOM, UTF-16, GBK or Latin-1 bytes, cut into
// chunks mid-character, NDJSON lines joined, split, dropped, doubled), and
// given hostile content (formula and SQL text, huge cells, lone surrogates,
// numbers at the limits, arrays nested 100,000 deep, fields of the wrong type).
// The claim: a reader yields rows or rejects with WorkbookFileInvalid, nothing
// else; an import resolves to a Result (or that typed rejection) and the store
// then holds nothing new, or exactly the rows it accepted, each dispute whole.
// Replay a run with FUZZ_SEED=<seed printed>.
import {
  type Actor,
  type DisputeId,
  type Ledger,
  type PersonId,
  type SheetRecord,
  createLedger,
  exportLedger,
  fixedClock,
  generateDevelopmentKeys,
  shanghaiStartOf,
  weekendCalendar,
} from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { townLedger } from "@tiaojie/export-testkit";
import { makeMemoryStore } from "@tiaojie/store-memory";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { WorkbookFileInvalid, importJson, jsonExporter, ndjsonExporter, readJsonWorkbook, readNdjsonWorkbook } from "./index.js";

const given = Number(process.env.FUZZ_SEED);
const SEED = Number.isInteger(given) ? given : 20_250_216;
const READ_RUNS = 100_000;
const IMPORT_RUNS = 3_000;

type Format = "json" | "ndjson";
const town = sampleTown(88, { villages: 2, persons: 10, disputes: 6, listings: 0 });
const files: Record<Format, Buffer> = { json: Buffer.alloc(0), ndjson: Buffer.alloc(0) };

beforeAll(async () => {
  const source = townLedger(town, makeMemoryStore());
  await source.registerTown();
  for (const format of ["json", "ndjson"] as const) {
    const out = await exportLedger(source.ledger, format === "json" ? jsonExporter() : ndjsonExporter(), source.coordinator, { dataset: "disputes", purpose: "数据交换", lang: "zh", names: source.names });
    if (!out.ok) throw new Error(out.error.message);
    const parts: Array<Uint8Array> = [];
    for await (const c of out.value.bytes) parts.push(c);
    files[format] = Buffer.concat(parts);
  }
}, 120_000);

// ——— Hostile content ———

const HOSTILE_TEXT = [
  '=HYPERLINK("http://evil.example","点我")', "=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd|' /C calc'!A0", "'; DROP TABLE disputes; --", "' OR '1'='1",
  "\ud800", "a\udfffb", "\u202eevil\u202c", "\u2066x\u2069", "\u0000", "\u001b[31m", "\ufeff", "\u2028", "\r\n", "张三", "𠀀𠀁", "👨‍👩‍👧", "", " ",
  "2025-02-30", "2025-13-01", "９", "__proto__", "constructor", "toString", "纠".repeat(10_001), "x".repeat(200_000),
];
const HOSTILE_JSON_TEXT = [
  ...HOSTILE_TEXT.map((s) => JSON.stringify(s)),
  "1e308", "-1e308", "1e400", "-0", "0.1", "9007199254740993", "null", "true", "[]", "{}", '{"date":"2025-02-30"}', '{"level":"purple","label":"x"}', '{"__proto__":{"polluted":true}}',
  '{"toString":{}}', '{"date":"2025-01-01","extra":1}', "[[[[[[[[[[]]]]]]]]]]", `${"[".repeat(5_000)}${"]".repeat(5_000)}`, `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`, '"\\ud800"', '"\\u0000"',
];
const hostileJsonText = fc.constantFrom(...HOSTILE_JSON_TEXT);
const hostileBytes = fc.oneof(fc.constantFrom(...HOSTILE_TEXT).map((s) => Buffer.from(s, "utf8")), fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b)), fc.constantFrom(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from([0xff, 0xfe]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xe4, 0xb8]), Buffer.from([0xf0, 0x9f])));

/** The spans of the file's JSON values that are leaves (strings, numbers, literals): where a value can be swapped for another. */
const LEAF = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/g;

/** Each file's text and the places of its leaves, found once (the files do not change). */
const texts: Record<Format, { text: string; leaves: ReadonlyArray<readonly [number, number]> } | undefined> = { json: undefined, ndjson: undefined };
const textOf = (format: Format) =>
  (texts[format] ??= (() => {
    const text = files[format].toString("utf8");
    return { text, leaves: [...text.matchAll(LEAF)].map((m) => [m.index!, m[0].length] as const) };
  })());

/** The file's text with its `n`-th leaf value (by position, keys included) replaced. */
const replaceLeaf = (format: Format, n: number, by: string): string => {
  const { text, leaves } = textOf(format);
  const [at, length] = leaves[n % leaves.length]!;
  return text.slice(0, at) + by + text.slice(at + length);
};

/** Bytes re-encoded as a legacy Chinese encoding would show them: every CJK character's UTF-8 bytes replaced by a GBK-like byte pair. */
const gbkLike = (text: string): Buffer => {
  const out: Array<number> = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x4e00 && cp <= 0x9fff) out.push(0x81 + ((cp >> 8) % 0x7e), 0x40 + (cp % 0xbf));
    else out.push(...Buffer.from(ch, "utf8"));
  }
  return Buffer.from(out);
};

const MUTATIONS = ["as-is", "truncate", "flip", "insert", "delete", "bom", "utf16le", "utf16be", "gbk", "latin1", "leaf", "leaf", "leaf", "key", "lines", "lines", "noise"] as const;

/** A damaged or hostile file, as the chunks a stream would give (cut anywhere, even inside a character). */
const hostileFile = (format: Format): fc.Arbitrary<ReadonlyArray<Uint8Array>> =>
  fc
    .record({ kind: fc.constantFrom(...MUTATIONS), at: fc.nat(), n: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), json: hostileJsonText, bytes: hostileBytes, cuts: fc.array(fc.nat(), { maxLength: 4 }) })
    .map(({ kind, at, n, bit, json, bytes, cuts }) => {
      const file = files[format];
      const { text } = textOf(format);
      const i = at % (file.length + 1);
      let out: Buffer;
      switch (kind) {
        case "as-is":
          out = file;
          break;
        case "truncate":
          out = file.subarray(0, i);
          break;
        case "flip":
          out = Buffer.from(file);
          out[i % file.length]! ^= 1 << bit;
          break;
        case "insert":
          out = Buffer.concat([file.subarray(0, i), bytes, file.subarray(i)]);
          break;
        case "delete":
          out = Buffer.concat([file.subarray(0, i), file.subarray(i + 1 + (n % 40))]);
          break;
        case "bom":
          out = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file]);
          break;
        case "utf16le":
          out = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
          break;
        case "utf16be":
          out = Buffer.from(text, "utf16le").swap16();
          break;
        case "gbk":
          out = gbkLike(text);
          break;
        case "latin1":
          out = Buffer.from(text, "latin1");
          break;
        case "leaf":
          out = Buffer.from(replaceLeaf(format, n, json), "utf8");
          break;
        case "key":
          out = Buffer.from(text.replace(/"(rows|row|sheets|sheet|columns|lang|format|version|dataset|name|zh|en|kind|key)":/, (_m, _k) => `${JSON.stringify(HOSTILE_TEXT[n % HOSTILE_TEXT.length])}:`), "utf8");
          break;
        case "lines": {
          // NDJSON's own damage (a JSON file has one line, so it is split into several): lines joined, split, dropped, doubled, swapped, blank, CRLF.
          const lines = text.split("\n");
          const k = n % lines.length;
          const op = Math.floor(n / 7) % 7;
          if (op === 0) lines.splice(k, 2, `${lines[k]}${lines[k + 1] ?? ""}`);
          else if (op === 1) lines.splice(k, 1, lines[k]!.slice(0, at % (lines[k]!.length + 1)), lines[k]!.slice(at % (lines[k]!.length + 1)));
          else if (op === 2) lines.splice(k, 1);
          else if (op === 3) lines.splice(k, 0, lines[k]!);
          else if (op === 4) lines.splice(k, 2, lines[k + 1] ?? "", lines[k]!);
          else if (op === 5) lines.splice(k, 0, "", "   ", "\t");
          out = Buffer.from(op === 6 ? lines.join("\r\n") : lines.join("\n"), "utf8");
          break;
        }
        case "noise":
          out = Buffer.concat([bytes, bytes]);
          break;
      }
      // Cut into chunks at the drawn places: a stream may split a character's bytes.
      const places = [...new Set(cuts.map((c) => c % (out.length + 1)))].sort((a, b) => a - b);
      const chunks: Array<Uint8Array> = [];
      let from = 0;
      for (const p of places) {
        chunks.push(out.subarray(from, p));
        from = p;
      }
      chunks.push(out.subarray(from));
      return chunks;
    });

// ——— Counting ———

interface Tally {
  tried: number;
  accepted: number;
  rejected: number;
  throws: number;
  partialWrites: number;
  rowsRegistered: number;
  rowsRejected: number;
  seconds: number;
  readonly failures: Array<{ readonly index: number; readonly what: string; readonly input: string }>;
}
const newTally = (): Tally => ({ tried: 0, accepted: 0, rejected: 0, throws: 0, partialWrites: 0, rowsRegistered: 0, rowsRejected: 0, seconds: 0, failures: [] });
const figures = (what: string, t: Tally, seed: number, extra = ""): string =>
  `fuzz ${what}: ${t.tried} inputs, ${t.accepted} accepted, ${t.rejected} rejected, ${t.throws} throws, ${t.partialWrites} partial writes${extra}, ${t.seconds.toFixed(1)} s, seed ${seed}`;

class PartialWrite extends Error {}

const describeFile = (chunks: ReadonlyArray<Uint8Array>): string => {
  const all = Buffer.concat(chunks);
  return `${all.length} bytes in ${chunks.length} chunks: ${JSON.stringify(all.subarray(0, 160).toString("utf8"))}…`;
};

/** Runs `check` on every input, counting; a failure is kept with its run index (replay: fc.sample(arbitrary, { seed, numRuns: index + 1 })[index]). */
const fuzzFiles = async (arbitrary: fc.Arbitrary<ReadonlyArray<Uint8Array>>, numRuns: number, seed: number, check: (chunks: ReadonlyArray<Uint8Array>, t: Tally) => Promise<"accepted" | "rejected">): Promise<Tally> => {
  const t = newTally();
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (chunks) => {
      const index = t.tried++;
      try {
        t[await check(chunks, t)] += 1;
      } catch (error) {
        const e = error as Error;
        if (e instanceof PartialWrite) t.partialWrites += 1;
        else t.throws += 1;
        if (t.failures.length < 5) t.failures.push({ index, what: `${e.name}: ${String(e.message).slice(0, 300)} | ${(e.stack ?? "").split("\n").slice(1, 5).map((l) => l.trim()).join(" | ")}`, input: describeFile(chunks) });
      }
    }),
    { numRuns, seed },
  );
  t.seconds = (performance.now() - started) / 1000;
  return t;
};

/** Reads a file whole: the rows, or "rejected" for the reader's typed refusal; anything else thrown goes on. */
const readAll = async (read: (source: Iterable<Uint8Array>) => AsyncGenerator<SheetRecord>, chunks: ReadonlyArray<Uint8Array>): Promise<ReadonlyArray<SheetRecord> | "rejected"> => {
  const rows: Array<SheetRecord> = [];
  try {
    for await (const r of read(chunks)) rows.push(r);
  } catch (error) {
    if (error instanceof WorkbookFileInvalid && error.text.zh.length > 0 && error.text.en.length > 0) return "rejected";
    throw error;
  }
  return rows;
};

const READERS = { json: readJsonWorkbook, ndjson: readNdjsonWorkbook } as const;

describe("the JSON and NDJSON readers, over damaged and hostile files", () => {
  it.each(["json", "ndjson"] as const)("%s: the reader yields rows or rejects with WorkbookFileInvalid, never anything else", async (format) => {
    const t = await fuzzFiles(hostileFile(format), READ_RUNS, SEED + (format === "json" ? 0 : 1), async (chunks) => {
      const rows = await readAll(READERS[format], chunks);
      if (rows === "rejected") return "rejected";
      for (const r of rows) {
        if (typeof r.sheet !== "string" || !Number.isInteger(r.row) || r.row < 1 || !Array.isArray(r.cells)) throw new Error("a row of the wrong shape");
      }
      return "accepted";
    });
    console.log(figures(`${format === "json" ? "readJsonWorkbook" : "readNdjsonWorkbook"}`, t, SEED + (format === "json" ? 0 : 1)));
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(READ_RUNS);
    expect(t.accepted).toBeGreaterThan(0);
    expect(t.rejected).toBeGreaterThan(0);
  });
});

describe("importJson into a ledger, over damaged and hostile files", () => {
  const { keys } = generateDevelopmentKeys();
  const coordinatorOf = (): Actor => townLedger(town, makeMemoryStore()).coordinator;
  const coordinator = coordinatorOf();
  const divisions = Object.fromEntries(town.villages.map((v) => [v.name, v.code]));
  /** A fresh, empty ledger over a memory store (keys shared: making them is the slow part). */
  const freshLedger = () => {
    const store = makeMemoryStore();
    const ledger: Ledger = createLedger({ store, units: town.units, calendar: weekendCalendar, keys, clock: fixedClock(shanghaiStartOf(town.period.to) + 10 * 3_600_000) });
    return { store, ledger };
  };

  it.each(["json", "ndjson"] as const)("%s: importJson gives a Result (or WorkbookFileInvalid), and the store holds nothing new or exactly the accepted rows, whole", async (format) => {
    const empty = JSON.stringify(await freshLedger().store.raw.snapshot());
    const t = await fuzzFiles(hostileFile(format), IMPORT_RUNS, SEED + (format === "json" ? 2 : 3), async (chunks, tally) => {
      const { store, ledger } = freshLedger();
      let r: Awaited<ReturnType<typeof importJson>> | "invalid";
      try {
        r = await importJson(ledger, coordinator, chunks, { format, divisions });
      } catch (error) {
        if (!(error instanceof WorkbookFileInvalid)) throw error;
        r = "invalid";
      }
      const snapshot = (await store.raw.snapshot()) as { collections: Record<string, ReadonlyArray<{ id: string }>> };
      if (r === "invalid" || !r.ok) {
        if (r !== "invalid" && (r.error._tag !== "ImportRefused" || typeof r.error.message !== "string")) throw new Error("an import refused with something else than ImportRefused");
        if (JSON.stringify(snapshot) !== empty) throw new PartialWrite(`refused (${r === "invalid" ? "WorkbookFileInvalid" : r.error.message.slice(0, 100)}), yet the store holds something new`);
        return "rejected";
      }
      const result = r.value;
      tally.rowsRegistered += result.registered;
      tally.rowsRejected += result.rejected.length;
      if (result.rows !== result.registered + result.alreadyInLedger + result.rejected.length) throw new Error("the import's counts do not add up");
      if (result.rejected.some((row) => row.problems.length === 0 || row.problems.some((p) => p.zh.length === 0 || p.en.length === 0))) throw new Error("a rejected row without its problems in both languages");
      // Exactly the accepted rows: as many dispute rows as registered, each readable whole with every person party.
      const rows = snapshot.collections.disputes ?? [];
      if (rows.length !== result.registered) throw new PartialWrite(`${result.registered} registered, but the store holds ${rows.length} disputes`);
      for (const row of rows) {
        if (!result.disputes.includes(row.id)) throw new PartialWrite(`the store holds dispute ${row.id}, which the import did not accept`);
        const got = await ledger.getDispute(coordinator, row.id as DisputeId);
        if (!got.ok) throw new PartialWrite(`dispute ${row.id} is in the store but does not read back: ${got.error.message}`);
        for (const p of got.value.dispute.parties) {
          if (p.kind !== "person") continue;
          const person = await ledger.getPerson(coordinator, p.person as PersonId, { purpose: "核对导入" });
          if (!person.ok) throw new PartialWrite(`dispute ${row.id} names person ${p.person}, who is not in the store`);
        }
      }
      return "accepted";
    });
    console.log(figures(`importJson (${format}, memory store)`, t, SEED + (format === "json" ? 2 : 3), `, ${t.rowsRegistered} rows registered, ${t.rowsRejected} rows rejected`));
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(IMPORT_RUNS);
    expect(t.accepted).toBeGreaterThan(0);
    expect(t.rejected).toBeGreaterThan(0);
    expect(t.rowsRegistered).toBeGreaterThan(0);
  });
});
