import { fc, test } from "@fast-check/vitest";
import { Option, SchemaAST as AST } from "effect";
import { describe, expect } from "vitest";
import { decode, encode, jsonSchema, standardSchema } from "./validation/decode.js";
import { BilingualMessageId } from "./validation/bilingual.js";
import { type PublicSchemaName, publicSchemas } from "./schemas.js";
import { arbitraries } from "./testing/arbitraries.js";

const names = Object.keys(publicSchemas) as Array<PublicSchemaName>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a leaf (a non-container value) of a JSON value. */
const leafPaths = (value: Json, path: Array<string | number> = []): Array<Array<string | number>> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
};

const setAt = (value: Json, path: ReadonlyArray<string | number>, leaf: Json): Json => {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const obj = value as { [key: string]: Json };
  return { ...obj, [head as string]: setAt(obj[head as string] as Json, rest, leaf) };
};

const getAt = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);

/** A value of another JSON type than `leaf`, so that the schema must reject it. */
const otherType = (leaf: Json): fc.Arbitrary<Json> =>
  typeof leaf === "string"
    ? fc.oneof(fc.integer(), fc.boolean(), fc.constant(null))
    : typeof leaf === "number"
      ? fc.oneof(fc.string(), fc.boolean(), fc.constant(null))
      : fc.oneof(fc.string(), fc.integer(), fc.constant(null));

describe.each(names)("%s", (name) => {
  const schema = publicSchemas[name] as never;
  const arbitrary = arbitraries[name] as fc.Arbitrary<Json>;

  test.prop([arbitrary])("generated inputs decode, and encode back to the same JSON", (json) => {
    const decoded = decode(schema, json);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const encoded = encode(schema, decoded.value);
    expect(encoded).toEqual({ ok: true, value: json });
    expect(decode(schema, (encoded as { value: unknown }).value)).toEqual(decoded);
  });

  test.prop([fc.oneof(fc.jsonValue(), fc.anything())])(
    "any input gives a value or issues with real paths and both messages, never an exception",
    (input) => {
      const result = decode(schema, input);
      if (result.ok) return;
      expect(result.error.issues.length).toBeGreaterThan(0);
      for (const issue of result.error.issues) {
        expect(issue.zh.length).toBeGreaterThan(0);
        expect(issue.en.length).toBeGreaterThan(0);
        const parent = getAt(input, issue.path.slice(0, -1));
        if (issue.path.length > 0) expect(typeof parent === "object" && parent !== null).toBe(true);
      }
    },
  );

  test.prop([
    arbitrary.filter((json) => leafPaths(json).length > 0).chain((json) =>
      fc.constantFrom(...leafPaths(json)).chain((path) =>
        otherType(getAt(json, path) as Json).map((leaf) => ({ json, path, broken: setAt(json, path, leaf) })),
      ),
    ),
  ])("a leaf of the wrong type is reported at its path (or at the union holding it)", ({ path, broken }) => {
    const result = decode(schema, broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const prefixes = result.error.issues.filter((issue) =>
      issue.path.every((segment, i) => segment === path[i]),
    );
    expect(prefixes.length).toBeGreaterThan(0);
  });

  test("is available as a Standard Schema and as a JSON Schema", () => {
    const standard = standardSchema(schema);
    expect(standard["~standard"].vendor).toBe("tiaojie");
    const sample = fc.sample(arbitrary, { numRuns: 1, seed: 7 })[0];
    expect(standard["~standard"].validate(sample)).toEqual({ value: (decode(schema, sample) as { value: unknown }).value });
    expect(jsonSchema(schema).$schema).toMatch(/json-schema/);
  });
});

test("every refinement of every public schema has a bilingual message (brands excepted)", () => {
  const missing: Array<string> = [];
  const seen = new Set<AST.AST>();
  const visit = (ast: AST.AST, where: string): void => {
    if (seen.has(ast)) return;
    seen.add(ast);
    switch (ast._tag) {
      case "Refinement": {
        const isBrand = Option.isSome(AST.getBrandAnnotation(ast));
        if (!isBrand && Option.isNone(AST.getAnnotation(ast, BilingualMessageId))) missing.push(where);
        return visit(ast.from, where);
      }
      case "TypeLiteral":
        for (const p of ast.propertySignatures) visit(p.type, `${where}.${String(p.name)}`);
        return;
      case "Union":
        return ast.types.forEach((t) => visit(t, where));
      case "TupleType":
        for (const e of ast.elements) visit(e.type, `${where}[]`);
        for (const r of ast.rest) visit(r.type, `${where}[]`);
        return;
      default:
        return;
    }
  };
  for (const name of names) visit((publicSchemas[name] as { ast: AST.AST }).ast, name);
  expect(missing).toEqual([]);
});
