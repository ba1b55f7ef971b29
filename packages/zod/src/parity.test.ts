/**
 * THE property: for every public schema, zod (derived) and core (`decode`) agree.
 *
 * For every input drawn from (a) core's arbitrary of valid encoded values, (b) a
 * valid value broken by one mutation, (c) `fc.jsonValue()`:
 *   1. zod's `success` equals core's `ok`;
 *   2. when accepted, zod's output deep-equals the input (`toEqual`: same keys and
 *      values; prototypes are not compared, since core's arbitraries build some
 *      records with a null prototype and zod returns plain objects);
 *   3. when rejected, the SET of (path, message) pairs zod reports equals the set
 *      core reports (`decode(...).error.issues`, message "zh / en"), after two
 *      stated normalisations:
 *      - zod reports unknown keys as one `unrecognized_keys` issue at the object's
 *        path listing the keys; it counts as one issue at `[...path, key]` per key
 *        (core reports one issue per key);
 *      - where a union of structs (Party) is given an ARRAY, zod reports the
 *        union's own path ("matches none of the allowed forms") and core reports
 *        the discriminator's path under it ("[…, kind] is required"). Both are
 *        counted as (the array's path, "<array given for a union of structs>").
 *        Unions that zod cannot tell apart by one literal field (grading and
 *        routing conditions, correction facts) are derived to decide as effect
 *        does, and there zod too reports the missing field under the array: it
 *        is counted the same way. Neither ever reports a string key under an
 *        array value otherwise.
 */
import { fc, test } from "@fast-check/vitest";
import { type PublicSchemaName, decode, publicSchemas } from "@tiaojie/core";
import { arbitraries } from "@tiaojie/core/arbitraries";
import type { Schema } from "effect";
import { describe, expect } from "vitest";
import type { z } from "zod";
import { publicZodSchemas } from "./index.js";

type Path = ReadonlyArray<string | number>;

const names = Object.keys(publicSchemas) as Array<PublicSchemaName>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const valueAt = (root: unknown, path: Path): unknown => {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === "number") node = node[key];
    else if (isRecord(node) && typeof key === "string" && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
    else return undefined;
  }
  return node;
};

const defineOwn = (object: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
};

/** A shallow copy of an object or array, own keys only (`__proto__` included), same prototype. */
const shallowCopy = (node: unknown): unknown => {
  if (Array.isArray(node)) return [...node];
  const source = node as Record<string, unknown>;
  const copy = Object.create(Object.getPrototypeOf(source) as object | null) as Record<string, unknown>;
  for (const k of Object.keys(source)) defineOwn(copy, k, source[k]);
  return copy;
};

/** A copy of `root` with `update` applied to the value at `path`; `root` is never modified. */
const updateAt = (root: unknown, path: Path, update: (node: unknown) => unknown): unknown => {
  if (path.length === 0) return update(root);
  const [key, ...rest] = path;
  const copy = shallowCopy(root) as Record<string | number, unknown>;
  if (Array.isArray(copy)) copy[key as number] = updateAt(copy[key as number], rest, update);
  else defineOwn(copy, key as string, updateAt(copy[key as string], rest, update));
  return copy;
};

/** Every path into a JSON value, the value's own path first. */
const pathsOf = (value: unknown, path: Path = []): Array<Path> => {
  const out: Array<Path> = [path];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...path, i])));
  else if (isRecord(value)) for (const key of Object.keys(value)) out.push(...pathsOf(value[key], [...path, key]));
  return out;
};

const withKey = (object: unknown, key: string, value: unknown): unknown => {
  const copy = shallowCopy(object) as Record<string, unknown>;
  defineOwn(copy, key, value);
  return copy;
};

const CHECK_CHARACTERS = "0123456789X";

// Built once, not inside `chain` for every sample: building them cost more than drawing from them.
const anyJson = fc.jsonValue({ maxDepth: 2 });
const smallJson = fc.jsonValue({ maxDepth: 1 });
const newKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "nickname"));
const checkCharacter = fc.constantFrom(...CHECK_CHARACTERS);
const strayCharacter = fc.constantFrom("0", "9", "X", "x", "-", " ", "中");
const numberShift = fc.constantFrom(-1, 0.001, 0.5, 1e12, -0.01, 1_000_001);

/** One mutation of a valid value, at a random place: the ways real inputs go wrong. */
const broken = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  valid.chain((value) => {
    const paths = pathsOf(value);
    const objectPaths = paths.filter((p) => isRecord(valueAt(value, p)));
    const keyPaths = paths.filter((p) => typeof p[p.length - 1] === "string");
    const arrayPaths = paths.filter((p) => Array.isArray(valueAt(value, p)));
    const stringPaths = paths.filter((p) => typeof valueAt(value, p) === "string");
    const numberPaths = paths.filter((p) => typeof valueAt(value, p) === "number");
    const pick = (from: Array<Path>) => fc.constantFrom(...from);
    const mutations: Array<fc.Arbitrary<unknown>> = [
      // replace any node with another JSON value
      fc.tuple(pick(paths), anyJson).map(([p, v]) => updateAt(value, p, () => v)),
    ];
    if (keyPaths.length > 0) {
      // delete a key (required or optional)
      mutations.push(
        pick(keyPaths).map((p) =>
          updateAt(value, p.slice(0, -1), (o) => {
            const copy = shallowCopy(o) as Record<string, unknown>;
            delete copy[p[p.length - 1] as string];
            return copy;
          }),
        ),
      );
    }
    if (objectPaths.length > 0) {
      // add a key the schema does not know (or overwrite a known one)
      mutations.push(
        fc
          .tuple(pick(objectPaths), newKey, smallJson)
          .map(([p, k, v]) => updateAt(value, p, (o) => withKey(o, k, v))),
      );
    }
    if (arrayPaths.length > 0) {
      // empty an array
      mutations.push(pick(arrayPaths).map((p) => updateAt(value, p, () => [])));
    }
    if (stringPaths.length > 0) {
      // change the last character (an identity number's check character, a code's last digit, …)
      mutations.push(
        fc.tuple(pick(stringPaths), checkCharacter).map(([p, c]) =>
          updateAt(value, p, (s) => {
            const text = s as string;
            const last = text.slice(-1);
            const other = c === last ? CHECK_CHARACTERS[(CHECK_CHARACTERS.indexOf(c) + 1) % CHECK_CHARACTERS.length]! : c;
            return text.slice(0, -1) + other;
          }),
        ),
      );
      // change one character anywhere, or add spaces around the text
      mutations.push(
        fc.tuple(pick(stringPaths), fc.nat(), strayCharacter).map(([p, i, c]) =>
          updateAt(value, p, (s) => {
            const text = s as string;
            const at = text.length === 0 ? 0 : i % text.length;
            return text.slice(0, at) + c + text.slice(at + 1);
          }),
        ),
        pick(stringPaths).map((p) => updateAt(value, p, (s) => ` ${s as string} `)),
      );
    }
    if (numberPaths.length > 0) {
      // move a number out of range or off the grid
      mutations.push(
        fc.tuple(pick(numberPaths), numberShift).map(([p, d]) =>
          updateAt(value, p, (n) => (n as number) + d),
        ),
      );
    }
    return fc.oneof(...mutations);
  });

const ARRAY_FOR_UNION = "<array given for a union of structs>";
const NONE_OF_THE_FORMS = "不符合任何一种允许的形式 / matches none of the allowed forms";

const key = (path: Path, message: string): string => JSON.stringify([path, message]);

const coreIssues = (input: unknown, issues: ReadonlyArray<{ readonly path: Path; readonly zh: string; readonly en: string }>) =>
  new Set(
    issues.map((issue) => {
      const parent = issue.path.slice(0, -1);
      const last = issue.path[issue.path.length - 1];
      if (typeof last === "string" && Array.isArray(valueAt(input, parent))) return key(parent, ARRAY_FOR_UNION);
      return key(issue.path, `${issue.zh} / ${issue.en}`);
    }),
  );

const zodIssues = (input: unknown, issues: ReadonlyArray<z.core.$ZodIssue>) =>
  new Set(
    issues.flatMap((issue) => {
      const path = issue.path as Path;
      if (issue.code === "unrecognized_keys") return issue.keys.map((k) => key([...path, k], issue.message));
      if (issue.message === NONE_OF_THE_FORMS && Array.isArray(valueAt(input, path))) return [key(path, ARRAY_FOR_UNION)];
      const last = path[path.length - 1];
      if (typeof last === "string" && Array.isArray(valueAt(input, path.slice(0, -1)))) return [key(path.slice(0, -1), ARRAY_FOR_UNION)];
      return [key(path, issue.message)];
    }),
  );

const agree = (name: PublicSchemaName, input: unknown): boolean => {
  const core = decode(publicSchemas[name] as Schema.Schema<unknown, unknown>, input);
  const zod = publicZodSchemas[name].safeParse(input);
  // The input is written out only when the verdicts differ, not stringified for every run.
  if (zod.success !== core.ok) expect(zod.success, `acceptance of ${JSON.stringify(input)}`).toBe(core.ok);
  if (core.ok && zod.success) {
    expect(zod.data).toEqual(input);
  } else if (!core.ok && !zod.success) {
    expect(zodIssues(input, zod.error.issues)).toEqual(coreIssues(input, core.error.issues));
  }
  return core.ok;
};

describe.each(names)("%s: zod and core agree", (name) => {
  const valid = arbitraries[name] as fc.Arbitrary<unknown>;

  test.prop([valid])("on valid inputs: both accept, and zod returns the input", (input) => {
    expect(agree(name, input)).toBe(true);
  });

  // 200 runs (7,000 broken inputs over the schemas): about 0.2 s of CPU for the largest, grading tables and campaigns.
  test.prop([broken(valid)], { numRuns: 200 })("on broken inputs: same verdict, same paths and messages", (input) => {
    agree(name, input);
  });

  test.prop([fc.jsonValue()])("on any JSON value: same verdict, same paths and messages", (input) => {
    agree(name, input);
  });
});

describe("the broken-input generator", () => {
  test.each(names)("%s: mostly yields inputs core rejects", (name) => {
    const samples = fc.sample(broken(arbitraries[name] as fc.Arbitrary<unknown>), { numRuns: 200, seed: 42 });
    const rejected = samples.filter((input) => !decode(publicSchemas[name] as Schema.Schema<unknown, unknown>, input).ok);
    expect(rejected.length).toBeGreaterThan(samples.length / 2);
  });
});
