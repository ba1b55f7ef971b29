import { fc, test } from "@fast-check/vitest";
import { Option, Schema, SchemaAST as AST } from "effect";
import { describe, expect } from "vitest";
import * as core from "../index.js";
import { arbitraries } from "../testing/arbitraries.js";
import { type StandaloneSchema, decode } from "../validation/decode.js";
import type { Result } from "../validation/result.js";
import { ValidationError } from "../validation/validation-error.js";
import { localDate, localDateOrThrow, officerId } from "./constructors.js";

/** Whether a schema's values carry a brand, so that a caller cannot type one without a cast. */
const isBranded = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Refinement":
      return Option.isSome(AST.getBrandAnnotation(ast)) || isBranded(ast.from);
    case "Union":
      return ast.types.some(isBranded);
    case "Transformation":
      return isBranded(ast.to);
    default:
      return false;
  }
};

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Valid values of the brands that have no arbitrary of their own in `publicSchemas`. */
const validOverrides: Record<string, fc.Arbitrary<unknown>> = {
  OfficerId: arbitraries.Actor.map((actor) => actor.officerId),
};

type Loose = (input: unknown) => unknown;
const exports = core as unknown as Record<string, unknown>;
const brands = Object.entries(exports)
  .filter((entry): entry is [string, StandaloneSchema<unknown, unknown>] => Schema.isSchema(entry[1]))
  .filter(([, schema]) => isBranded(schema.ast))
  .map(([name, schema]) => ({
    name,
    schema,
    make: exports[lowerFirst(name)] as Loose | undefined,
    makeOrThrow: exports[`${lowerFirst(name)}OrThrow`] as Loose | undefined,
    valid: validOverrides[name] ?? (arbitraries as unknown as Record<string, fc.Arbitrary<unknown> | undefined>)[name],
  }));

/** Inputs near the valid ones: a character changed, inserted or removed. */
const nearly = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(valid, fc.nat(), fc.constantFrom("replace", "insert", "delete"), fc.string({ minLength: 1, maxLength: 1, unit: "binary" }))
    .map(([value, at, edit, char]) => {
      if (typeof value !== "string") return value;
      const i = value.length === 0 ? 0 : at % value.length;
      if (edit === "insert") return value.slice(0, i) + char + value.slice(i);
      if (edit === "delete") return value.slice(0, i) + value.slice(i + 1);
      return value.slice(0, i) + char + value.slice(i + 1);
    });

const inputs = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    valid,
    nearly(valid),
    valid.map((v) => (typeof v === "string" ? ` ${v}` : v)),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.anything({ maxDepth: 1, maxKeys: 3 }),
  );

test("the constructors cover the branded schemas of the public API", () => {
  expect(brands.map((b) => b.name).sort()).toEqual([
    "CountyCode",
    "DisputeId",
    "DivisionCode",
    "EventId",
    "IdentityNumber",
    "ListingId",
    "LocalDate",
    "OfficerId",
    "PersonId",
    "PhoneNumber",
    "TaskId",
    "UnitId",
  ]);
  for (const brand of brands) {
    expect(typeof brand.make, `${lowerFirst(brand.name)} is exported`).toBe("function");
    expect(typeof brand.makeOrThrow, `${lowerFirst(brand.name)}OrThrow is exported`).toBe("function");
    expect(brand.valid, `valid values of ${brand.name} can be generated`).toBeDefined();
  }
});

describe.each(brands)("$name", ({ schema, make, makeOrThrow, valid }) => {
  test.prop([inputs(valid!)], { numRuns: 200 })("the constructor agrees with decode on any input", (input) => {
    const expected = decode(schema, input);
    const actual = make!(input) as Result<unknown>;
    expect(actual.ok).toBe(expected.ok);
    if (actual.ok && expected.ok) expect(actual.value).toBe(expected.value);
    if (!actual.ok && !expected.ok) {
      expect(actual.error).toBeInstanceOf(ValidationError);
      expect(actual.error.issues).toEqual(expected.error.issues);
    }
  });

  test.prop([inputs(valid!)], { numRuns: 200 })("the OrThrow form throws exactly when the constructor refuses", (input) => {
    const made = make!(input) as Result<unknown>;
    let thrown: { readonly error: unknown } | undefined;
    let value: unknown;
    try {
      value = makeOrThrow!(input);
    } catch (error) {
      thrown = { error };
    }
    expect(thrown !== undefined).toBe(!made.ok);
    if (made.ok) expect(value).toBe(made.value);
    else {
      expect(thrown?.error).toBeInstanceOf(ValidationError);
      expect((thrown?.error as ValidationError).issues).toEqual(made.error.issues);
    }
  });

  test.prop([valid!], { numRuns: 100 })("accepts every value the independent generator makes", (input) => {
    expect((make!(input) as Result<unknown>).ok).toBe(true);
  });
});

test("a date typed by hand needs no cast", () => {
  const asOf = localDate("2025-02-10");
  expect(asOf).toEqual({ ok: true, value: "2025-02-10" });
  expect(localDateOrThrow("2024-02-29")).toBe("2024-02-29");
  const refused = localDate("2025-02-29");
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.issues).toEqual([
    { path: [], zh: "应为 YYYY-MM-DD 格式的有效日期（1900–2199 年）", en: "must be a real date written YYYY-MM-DD (years 1900–2199)" },
  ]);
  expect(() => localDateOrThrow("2025-02-29")).toThrow(ValidationError);
});

test("a refusal never repeats the refused text", () => {
  const refused = officerId("张明 13800138000");
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.message).not.toContain("13800138000");
  expect(refused.error.message).not.toContain("张明");
});
