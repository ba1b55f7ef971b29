import { publicSchemas } from "@tiaojie/core";
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
