import { fc, test } from "@fast-check/vitest";
import type { DisputeCount, DisputeRow, DivisionCode, HazardRow, ListingRow, PersonRow, RowBase, TaskRow } from "@tiaojie/core";
import { describe, expect, it } from "vitest";
import { type ScopedName, collectionNames, oneRow, rowArbitraries, rowId, scopedNames } from "./fixtures/kit-collections.js";
import { county, jurisdictions, otherCounty, prefecture, scopes, townships, villagesOf } from "./fixtures/kit-divisions.js";
import { whereArbitraries } from "./fixtures/kit-where.js";
import { keptBy, matches, oracleMatches } from "./find-oracle.js";
import { expectCounts, oracleCounts } from "./count-oracle.js";
import { expectPage } from "./page-checks.js";

const code = (s: string): DivisionCode => s as DivisionCode;

describe("matches", () => {
  it("keeps a value equal to the match, or to one of an array's values; an empty array keeps nothing; an absent value nothing", () => {
    expect(matches("a", "a")).toBe(true);
    expect(matches("a", "A")).toBe(false);
    expect(matches("a", ["b", "a"])).toBe(true);
    expect(matches("a", ["b"])).toBe(false);
    expect(matches("a", [])).toBe(false);
    expect(matches(undefined, "a")).toBe(false);
    expect(matches(undefined, [])).toBe(false);
  });
});

describe("keptBy", () => {
  const hazard = (deadline: string): HazardRow => ({ ...oneRow("hazards", "h"), deadline } as HazardRow);
  const listing = (closedOn?: string): ListingRow => {
    const { closedOn: _, ...rest } = oneRow("listings", "l");
    return (closedOn === undefined ? rest : { ...rest, closedOn }) as ListingRow;
  };
  const task = (doneOn?: string): TaskRow => {
    const { doneOn: _, ...rest } = oneRow("tasks", "t");
    return (doneOn === undefined ? rest : { ...rest, doneOn }) as TaskRow;
  };
  const person = (erasedOn?: string): PersonRow => {
    const { erasedOn: _, ...rest } = oneRow("persons", "p");
    return (erasedOn === undefined ? rest : { ...rest, erasedOn }) as PersonRow;
  };

  it("reads deadlineBefore and closedBefore as exclusive, and closedBefore keeps only closed listings", () => {
    expect(keptBy("hazards", hazard("2025-01-27"), { deadlineBefore: "2025-01-28" as never })).toBe(true);
    expect(keptBy("hazards", hazard("2025-01-28"), { deadlineBefore: "2025-01-28" as never })).toBe(false);
    expect(keptBy("listings", listing("2025-01-27"), { closedBefore: "2025-01-28" as never })).toBe(true);
    expect(keptBy("listings", listing("2025-01-28"), { closedBefore: "2025-01-28" as never })).toBe(false);
    expect(keptBy("listings", listing(), { closedBefore: "2025-01-28" as never })).toBe(false);
  });

  it("reads reportedFrom and reportedTo as inclusive", () => {
    const d = { ...oneRow("disputes", "d"), reportedOn: "2025-01-28" } as never;
    expect(keptBy("disputes", d, { reportedFrom: "2025-01-28" as never, reportedTo: "2025-01-28" as never })).toBe(true);
    expect(keptBy("disputes", d, { reportedFrom: "2025-01-29" as never })).toBe(false);
    expect(keptBy("disputes", d, { reportedTo: "2025-01-27" as never })).toBe(false);
  });

  it("reads settledBefore as exclusive and settledFrom as inclusive", () => {
    const d = { ...oneRow("disputes", "d"), settledOn: "2025-01-28" } as never;
    expect(keptBy("disputes", d, { settledBefore: "2025-01-29" as never, settledFrom: "2025-01-28" as never })).toBe(true);
    expect(keptBy("disputes", d, { settledBefore: "2025-01-28" as never })).toBe(false);
    expect(keptBy("disputes", d, { settledFrom: "2025-01-29" as never })).toBe(false);
  });

  it("reads open as the absence of closedOn or doneOn, and erased as the presence of erasedOn", () => {
    expect(keptBy("listings", listing(), { open: true })).toBe(true);
    expect(keptBy("listings", listing("2025-01-01"), { open: true })).toBe(false);
    expect(keptBy("listings", listing("2025-01-01"), { open: false })).toBe(true);
    expect(keptBy("tasks", task(), { open: true })).toBe(true);
    expect(keptBy("tasks", task("2025-01-01"), { open: false })).toBe(true);
    expect(keptBy("tasks", task("2025-01-01"), { open: true })).toBe(false);
    expect(keptBy("persons", person(), { erased: false })).toBe(true);
    expect(keptBy("persons", person("2025-01-01"), { erased: false })).toBe(false);
    expect(keptBy("persons", person("2025-01-01"), { erased: true })).toBe(true);
  });

  it("reads kekIdNot as a different key-encryption key, compared exactly", () => {
    const key = { ...oneRow("personKeys", "k"), kekId: "kek-2024" };
    expect(keptBy("personKeys", key, { kekIdNot: "kek-2025" })).toBe(true);
    expect(keptBy("personKeys", key, { kekIdNot: "kek-2024" })).toBe(false);
    expect(keptBy("personKeys", key, { kekIdNot: "KEK-2024" })).toBe(true);
  });

  it("ignores a field whose value is undefined, and refuses a field it has no test for", () => {
    expect(keptBy("hazards", hazard("2025-01-01"), { status: undefined } as never)).toBe(true);
    expect(() => keptBy("hazards", hazard("2025-01-01"), { colour: "red" } as never)).toThrow(/no oracle/);
  });

  test.prop([fc.constantFrom(...scopedNames).chain((name) => fc.tuple(fc.constant(name), rowArbitraries[name]("x", 1), whereArbitraries[name] as fc.Arbitrary<unknown>))])(
    "has a test for every field the kit's filters use",
    ([name, row, where]) => {
      expect(() => keptBy(name as ScopedName, row as never, where as never)).not.toThrow();
    },
  );
});

describe("oracleMatches", () => {
  const at = (id: string, jurisdiction: DivisionCode) => ({ ...oneRow("hazards", id), jurisdiction });

  it("keeps the rows within the scope by the code's significant digits, not by a prefix with its zeros stripped", () => {
    const [t101, t110, t111] = townships as [DivisionCode, DivisionCode, DivisionCode];
    const rows = [at("a", villagesOf(t110)[0]!), at("b", villagesOf(t111)[0]!), at("c", t110), at("d", county), at("e", otherCounty), at("f", villagesOf(t101)[1]!)];
    const ids = (within: DivisionCode) => oracleMatches("hazards", rows, { within }).map((r) => r.id);
    expect(ids(t110)).toEqual(["a", "c"]);
    expect(t111.startsWith(t110.replace(/0+$/, "")), "the trap is real: 110 without its zeros is a prefix of 111").toBe(true);
    expect(ids(county)).toEqual(["a", "b", "c", "d", "f"]);
    expect(ids(prefecture)).toEqual(["a", "b", "c", "d", "e", "f"]);
    const v210 = villagesOf(t110)[1]!;
    const v211 = villagesOf(t110)[2]!;
    expect(v211.startsWith(v210.replace(/0+$/, ""))).toBe(true);
    expect(oracleMatches("hazards", [at("x", v210), at("y", v211)], { within: v210 }).map((r) => r.id)).toEqual(["x"]);
    expect(ids(code("532301101000"))).toEqual(["f"]);
  });

  it("orders by UTF-16 code units and starts after `after` (exclusive)", () => {
    const rows = ["b", "a0", "B", "a", "_", "-"].map((id) => at(id, county));
    expect(oracleMatches("hazards", rows, { within: county }).map((r) => r.id)).toEqual(["-", "B", "_", "a", "a0", "b"]);
    expect(oracleMatches("hazards", rows, { within: county, after: "a" }).map((r) => r.id)).toEqual(["a0", "b"]);
    expect(oracleMatches("hazards", rows, { within: county, after: "Z" }).map((r) => r.id)).toEqual(["_", "a", "a0", "b"]);
  });

  /** The significant digits of a code, worked out here from the code's five parts (2, 2, 2, 3, 3 digits). */
  const significant = (c: string): string => {
    const ends = [2, 4, 6, 9, 12];
    let end = 2;
    ends.forEach((e, i) => {
      if (!/^0+$/.test(c.slice(i === 0 ? 0 : ends[i - 1], e))) end = e;
    });
    return c.slice(0, end);
  };

  test.prop([fc.uniqueArray(rowId, { maxLength: 30 }), fc.constantFrom(...scopes)])(
    "returns exactly the rows whose jurisdiction starts with the scope's significant digits, sorted by id",
    (ids, within) => {
      const rows = ids.map((id, i) => at(id, jurisdictions[i % jurisdictions.length]!));
      const expected = rows.filter((r) => r.jurisdiction.startsWith(significant(within))).map((r) => r.id);
      expect(oracleMatches("hazards", rows, { within }).map((r) => r.id)).toEqual(expected.sort());
    },
  );
});

describe("the kit's rows", () => {
  test.prop([fc.constantFrom(...collectionNames).chain((name) => rowArbitraries[name]("id-1", 3) as fc.Arbitrary<RowBase>)])(
    "are plain JSON data with the id and version asked for",
    (row) => {
      expect(JSON.parse(JSON.stringify(row))).toStrictEqual(row);
      expect(row).toMatchObject({ id: "id-1", version: 3 });
    },
  );

  it("are the same for the same arguments of oneRow, and another for another salt", () => {
    expect(oneRow("disputes", "d", 2)).toStrictEqual(oneRow("disputes", "d", 2));
    expect(oneRow("disputes", "d", 2, 1)).not.toStrictEqual(oneRow("disputes", "d", 2));
  });
});

describe("expectPage", () => {
  const rows = ["a", "b", "c"].map((id) => ({ ...oneRow("hazards", id), jurisdiction: county }));
  const query = { within: county, limit: 2 };

  it("accepts the first limit rows with next at the last, and a last page with or without next", () => {
    expectPage({ rows: rows.slice(0, 2), next: "b" }, rows, query, "full page");
    expectPage({ rows: rows.slice(2) }, rows.slice(2), query, "last page");
    expectPage({ rows: rows.slice(1), next: "c" }, rows.slice(1), query, "last page that turns out to be the last");
  });

  it("refuses a missing next, a wrong next, a skipped row, too many rows, a row outside the scope, and next on an empty page", () => {
    expect(() => expectPage({ rows: rows.slice(0, 2) }, rows, query, "no next")).toThrow();
    expect(() => expectPage({ rows: rows.slice(0, 2), next: "c" }, rows, query, "wrong next")).toThrow();
    expect(() => expectPage({ rows: [rows[0]!, rows[2]!], next: "c" }, rows, query, "skipped")).toThrow();
    expect(() => expectPage({ rows, next: "c" }, rows, query, "too many")).toThrow();
    expect(() => expectPage({ rows: [{ ...rows[0]!, jurisdiction: otherCounty }] }, [rows[0]!], query, "outside")).toThrow(/outside the scope/);
    expect(() => expectPage({ rows: [], next: "a" }, [], query, "empty with next")).toThrow();
  });
});

describe("oracleCounts and expectCounts", () => {
  const village = villagesOf(townships[0]!)[0]!;
  const row = (id: string, extra: Record<string, unknown>): DisputeRow => {
    const { leadUnit: _, ...rest } = oneRow("disputes", id);
    return { ...rest, jurisdiction: village, township: townships[0]!, domain: "neighbourhood", status: "closed", level: "blue", priority: "normal", gradeConfirmed: true, settledOn: "2025-01-10", ...extra } as DisputeRow;
  };
  const rows = [row("a", { leadUnit: "u-police" }), row("b", { leadUnit: "u-police" }), row("c", {}), row("d", { leadUnit: "U-police" }), row("e", { settledOn: "2025-03-01" })];
  const base = { jurisdiction: village, domain: "neighbourhood", status: "closed", level: "blue", priority: "normal", gradeConfirmed: true } as const;

  it("groups the rows find keeps by the seven columns: a missing lead unit is a group of its own, ids of units compared exactly", () => {
    const counts = oracleCounts(rows, { within: townships[0]!, where: { settledBefore: "2025-02-01" as never } });
    expect(counts.map((c) => [c.leadUnit, c.count])).toEqual(
      expect.arrayContaining([
        ["u-police", 2],
        [undefined, 1],
        ["U-police", 1],
      ]),
    );
    expect(counts).toHaveLength(3);
    expect(counts.find((c) => c.leadUnit === undefined)).not.toHaveProperty("leadUnit");
    expect(oracleCounts(rows, { within: townships[1]! })).toEqual([]);
  });

  it("accepts the groups in any order and refuses a string count, a zero count, a repeated group, a leadUnit set to undefined, and a wrong count", () => {
    const expected = oracleCounts(rows, { within: county });
    expectCounts([...expected].reverse(), expected, "reversed");
    const one = { ...base, leadUnit: "u-police", count: 2 } as unknown as DisputeCount;
    const only = [one];
    expect(() => expectCounts([{ ...one, count: "2" as never }], only, "string")).toThrow(/a number/);
    expect(() => expectCounts([{ ...one, count: 0 }], only, "zero")).toThrow(/at least 1/);
    expect(() => expectCounts([one, one], only, "repeated")).toThrow(/once/);
    expect(() => expectCounts([{ ...base, leadUnit: undefined, count: 1 } as never], [{ ...base, count: 1 } as DisputeCount], "undefined lead unit")).toThrow(/no leadUnit field/);
    expect(() => expectCounts([{ ...one, count: 3 }], only, "wrong")).toThrow();
  });
});
