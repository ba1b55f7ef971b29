import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { GradingTable } from "../grading/grading-table.js";
import { decode } from "./decode.js";
import { MAX_INPUT_DEPTH, tooDeepAt } from "./input-depth.js";

/** A value nested `depth` levels deep: objects under `of` or arrays, alternating by `shape`. */
const nested = (depth: number, shape: "object" | "array" | "mixed"): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = shape === "array" || (shape === "mixed" && i % 2 === 0) ? [value] : { op: "not", of: value };
  return value;
};

describe("input depth", () => {
  test.prop([fc.integer({ min: 0, max: MAX_INPUT_DEPTH }), fc.constantFrom("object", "array", "mixed" as const)])("a value nested up to the limit passes", (depth, shape) => {
    expect(tooDeepAt(nested(depth, shape))).toBeUndefined();
  });

  test.prop([fc.integer({ min: MAX_INPUT_DEPTH + 1, max: 5_000 }), fc.constantFrom("object", "array", "mixed" as const)])(
    "a value nested deeper is named at the path where it passes the limit",
    (depth, shape) => {
      const path = tooDeepAt(nested(depth, shape));
      expect(path).toHaveLength(MAX_INPUT_DEPTH);
      expect(path!.every((k) => k === 0 || k === "of")).toBe(true);
    },
  );

  test("a condition nested 100,000 deep in a grading table is refused with its path in both languages, never thrown", () => {
    const table = { version: 1, rules: [{ id: "r", level: "red", zh: "甲", en: "a", when: nested(100_000, "object") }] };
    const r = decode(GradingTable, table);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [issue] = r.error.issues;
    expect(issue?.path.slice(0, 3)).toEqual(["rules", 0, "when"]);
    expect(issue?.zh).toContain(`${MAX_INPUT_DEPTH}`);
    expect(issue?.en).toContain("nested more than");
  });

  test("shared and cyclic references are walked once and do not loop", () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(tooDeepAt(cyclic)).toBeUndefined();
  });
});
