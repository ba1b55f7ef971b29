import { decode, Listing, publicSchemas } from "@tiaojie/core";
import { describe, expect, it } from "vitest";
import * as api from "./index.js";

describe("the public zod schemas", () => {
  it("has one zod schema per public schema of core, under the same name", () => {
    expect(Object.keys(api.publicZodSchemas).sort()).toEqual(Object.keys(publicSchemas).sort());
  });

  it.each(Object.keys(publicSchemas))("exports %sSchema, the same object as publicZodSchemas entry", (name) => {
    const exported = (api as Record<string, unknown>)[`${name}Schema`];
    expect(exported).toBeDefined();
    expect(exported).toBe(api.publicZodSchemas[name as keyof typeof api.publicZodSchemas]);
  });

  it("exports nothing else than the schemas, toZod and ZodDerivationError", () => {
    const expected = [
      ...Object.keys(publicSchemas).map((name) => `${name}Schema`),
      "publicZodSchemas",
      "toZod",
      "ZodDerivationError",
    ].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
  });
});

describe("a listing's history", () => {
  const actor = { officerId: "zx-0042", name: "王芳", unit: "u-shswb", role: "unit-officer", scope: "532301104000" };
  const listing = {
    id: "l-0001", person: "p-0007", jurisdiction: "532301104201", category: 5,
    lawfulBasis: "《社会救助暂行办法》",
    evidence: { text: "家庭收入低于当地低保标准", assessedBy: "王芳", assessedOn: "2025-01-06" },
    responsibleUnit: "u-shswb", responsiblePerson: "王芳", basisEndsOn: "2026-01-06",
    details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
    history: [{ kind: "opened", on: "2025-01-06", actor, nextReviewOn: "2025-04-06" }],
  };
  const later = (...events: ReadonlyArray<object>) => ({ ...listing, history: [...listing.history, ...events] });
  const lapse = { kind: "lapsed", on: "2025-04-07", actor, reason: { rule: "missed-review" } };
  const cases: ReadonlyArray<readonly [string, unknown]> = [
    ["a well-formed history", later({ kind: "reviewed", on: "2025-04-06", actor, nextReviewOn: "2025-07-06" })],
    ["a lapse, then a removal", later(lapse, { kind: "removed", on: "2025-05-01", actor, reason: { text: "已迁出本镇" } })],
    ["no opening", { ...listing, history: [] }],
    ["a review after the review date", later({ kind: "reviewed", on: "2025-04-07", actor, nextReviewOn: "2025-07-07" })],
    ["a review after a lapse", later(lapse, { kind: "reviewed", on: "2025-04-07", actor, nextReviewOn: "2025-07-07" })],
    ["a removal after a missed review, without the lapse", later({ kind: "removed", on: "2025-05-01", actor, reason: { text: "已迁出本镇" } })],
    ["an end by the basis rule on the wrong day", later(lapse, { kind: "ended", on: "2026-01-06", actor, reason: { rule: "basis-ended" } })],
    ["an event after the removal", later({ kind: "removed", on: "2025-02-01", actor, reason: { text: "误列" } }, lapse)],
    ["a removal without a reason", later({ kind: "removed", on: "2025-02-01", actor })],
  ];

  it.each(cases)("zod and core agree on %s: verdict, paths and messages", (_what, input) => {
    const core = decode(Listing, input);
    const zod = api.ListingSchema.safeParse(input);
    expect(zod.success).toBe(core.ok);
    if (!core.ok && !zod.success) {
      const messages = (xs: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>) =>
        xs.map((i) => JSON.stringify([i.path, i.message])).sort();
      expect(messages(zod.error.issues)).toEqual(messages(core.error.issues.map((i) => ({ path: i.path, message: `${i.zh} / ${i.en}` }))));
    }
  });
});
