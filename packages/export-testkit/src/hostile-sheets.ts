import type { LocalDate, Sheet, SheetCell, SheetCellKind, SheetColumn } from "@tiaojie/core";
import { fc } from "@fast-check/vitest";

const KINDS: ReadonlyArray<SheetCellKind> = ["text", "integer", "number", "date", "boolean", "level"];

/**
 * Text hostile to files and spreadsheets: quotes, commas, line breaks, formula
 * starts, emoji, CJK beyond the Basic Multilingual Plane (𠀀), long runs.
 * @since 0.5.0
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r\n", "=", "+", "-", "@", "\t", "'", " ", "a", "村", "𠀀", "😀", "；"), maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom('=HYPERLINK("http://x","y")', "-5", "+1", "@SUM(A1)", "=1+1", "'=1", "x".repeat(3_000)),
);

const day: fc.Arbitrary<LocalDate> = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10) as LocalDate);

const LEVELS = { red: "重大（红色）", orange: "较大（橙色）", yellow: "一般（黄色）", blue: "轻微（蓝色）" } as const;

/**
 * A cell of a column's kind, or empty.
 * @since 0.5.0
 */
export const hostileCell = (kind: SheetCellKind): fc.Arbitrary<SheetCell> => {
  const value: fc.Arbitrary<SheetCell> = (() => {
    switch (kind) {
      case "text":
        return hostileText;
      case "integer":
        return fc.integer({ min: -1_000_000, max: 1_000_000 });
      case "number":
        return fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((n) => Math.round(n * 100) / 100);
      case "date":
        return day.map((date) => ({ date }));
      case "boolean":
        return fc.boolean();
      case "level":
        return fc.constantFrom(...(Object.keys(LEVELS) as Array<keyof typeof LEVELS>)).map((level) => ({ level, label: LEVELS[level] }));
    }
  })();
  return fc.oneof({ arbitrary: value, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 });
};

/**
 * A sheet with a column of every kind (and a few more text columns), its rows
 * generated with {@link hostileCell}.
 * @since 0.5.0
 */
export const hostileSheet = (options: { readonly maxRows?: number; readonly name?: string } = {}): fc.Arbitrary<Sheet> => {
  const columns: ReadonlyArray<SheetColumn> = ([...KINDS, "text", "text"] as ReadonlyArray<SheetCellKind>).map((kind, i) => ({ key: `c${i}`, zh: `列${i}（${kind}）`, en: `Column ${i} (${kind})`, kind, width: 10 }));
  const row = fc.tuple(...columns.map((c) => hostileCell(c.kind)));
  return fc.array(row, { maxLength: options.maxRows ?? 12 }).map((rows) => ({ name: { zh: options.name ?? "测试表", en: options.name ?? "Test sheet" }, columns, rows }));
};
