import { bilingualMessage, decode, publicSchemas } from "@tiaojie/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZodDerivationError, toZod } from "./derive.js";
import {
  ContactSchema,
  DisputeFactsSchema,
  DisputeIdSchema,
  DisputeSchema,
  IdentityNumberSchema,
  PartySchema,
  PersonSchema,
  RiskLevelSchema,
  publicZodSchemas,
} from "./index.js";

/** The issues of a rejected input as [path, message] pairs. */
const issuesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => [i.path, i.message]);
};

const validDispute = {
  id: "d-0001",
  jurisdiction: "532301104201",
  domain: "neighbourhood",
  parties: [
    { kind: "person", person: "p-1", role: "claimant" },
    { kind: "organisation", name: "紫溪建筑公司", role: "respondent" },
  ],
  summary: "宅基地滴水檐争议",
  reportedOn: "2024-11-12",
  facts: {
    peopleInvolved: 2,
    amountAtStake: 1200.5,
    threatOfViolence: false,
    selfHarmRisk: false,
    violentHistory: false,
    emotionalIntensity: 1,
    failedMediations: 0,
    vulnerableParty: false,
    unpaidMajorProjectLandCompensation: false,
  },
};

describe("toZod on the public schemas", () => {
  it.each(Object.entries(publicSchemas))("derives %s without throwing", (_name, schema) => {
    expect(() => toZod(schema as Schema.Schema<unknown, unknown>)).not.toThrow();
  });

  it("accepts a valid dispute and returns it unchanged", () => {
    expect(DisputeSchema.parse(validDispute)).toStrictEqual(validDispute);
  });
});

describe("refinements run core's own filters, with the refinement's message", () => {
  it("reports the first failing filter of a chain: the check character of an identity number", () => {
    expect(issuesOf(IdentityNumberSchema, "110105194912310021")).toEqual([
      [[], "校验码不正确 / the check character does not match"],
    ]);
    expect(IdentityNumberSchema.parse("11010519491231002X")).toBe("11010519491231002X");
  });

  it("accepts a foreigner's permanent-residence number and refuses one with no province, with core's message", () => {
    expect(IdentityNumberSchema.parse("953104198807150029")).toBe("953104198807150029");
    expect(issuesOf(IdentityNumberSchema, "900104198807150027")).toEqual([
      [[], "外国人永久居留身份证号码的第 2–3 位应为签发地的省级代码 / digits 2–3 of a foreigner's permanent-residence number must be the code of the province that issued it"],
    ]);
  });

  it("reports the earlier filter when several fail (format before check character)", () => {
    expect(issuesOf(IdentityNumberSchema, "11010519491231002x")).toEqual([
      [[], "身份号码应为 18 位：17 位数字加 1 位数字或大写 X / an identity number is 18 characters: 17 digits, then a digit or an upper-case X"],
    ]);
  });

  it("does not run the filters when the base type fails", () => {
    expect(issuesOf(IdentityNumberSchema, 11010519491231)).toEqual([[[], "应为文本 / must be a string"]]);
  });

  it("checks a refinement over a branded refinement (a dispute's jurisdiction is township or village level)", () => {
    expect(issuesOf(DisputeSchema, { ...validDispute, jurisdiction: "532301000000" })).toEqual([
      [["jurisdiction"], "纠纷所在地应为乡级或村级区划代码 / a dispute's jurisdiction must be a township- or village-level code"],
    ]);
  });

  it("checks an array's length after its items", () => {
    expect(issuesOf(DisputeSchema, { ...validDispute, parties: [] })).toEqual([
      [["parties"], "当事人应有 1–500 个 / a dispute has 1–500 parties"],
    ]);
  });

  it("treats a brand as a refinement that always passes: the output is the plain string", () => {
    expect(DisputeIdSchema.parse("2024-zx-0001")).toBe("2024-zx-0001");
    expect(issuesOf(DisputeIdSchema, "-0001")).toEqual([
      [[], "纠纷编号应为 1–64 位字母、数字或 . _ : -，且以字母或数字开头 / DisputeId must be 1–64 letters, digits or . _ : -, starting with a letter or digit"],
    ]);
  });

  it("uses the generic message for a refinement without a bilingual message", () => {
    const Even = toZod(Schema.Number.pipe(Schema.filter((n) => n % 2 === 0)));
    expect(issuesOf(Even, 3)).toEqual([[[], "取值不符合要求 / is not a valid value"]]);
  });
});

describe("literals and unions", () => {
  it("turns a taxonomy into an enum with its bilingual message", () => {
    expect(RiskLevelSchema.parse("red")).toBe("red");
    expect(issuesOf(RiskLevelSchema, "purple")).toEqual([
      [[], "应为风险等级代码之一：red、orange、yellow、blue / must be a risk level code, one of: red, orange, yellow, blue"],
    ]);
  });

  it("turns numeric literals into a literal union with its annotation", () => {
    expect(issuesOf(DisputeFactsSchema, { ...validDispute.facts, emotionalIntensity: 4 })).toEqual([
      [["emotionalIntensity"], "情绪激烈程度应为 0、1、2 或 3 / emotional intensity must be 0, 1, 2 or 3"],
    ]);
  });

  it("dispatches a union of structs on its discriminator", () => {
    expect(issuesOf(PartySchema, { kind: "person", name: "x", role: "claimant" })).toEqual([
      [["person"], "缺少必填项 / is required"],
      [[], "不允许出现此字段 / is not an allowed field"],
    ]);
    expect(issuesOf(PartySchema, { kind: "robot", role: "claimant" })).toEqual([
      [["kind"], '应为以下之一：person、organisation / must be one of: "person", "organisation"'],
    ]);
    expect(issuesOf(PartySchema, { role: "claimant" })).toEqual([[["kind"], "缺少必填项 / is required"]]);
    expect(issuesOf(PartySchema, "p-1")).toEqual([[[], "不符合任何一种允许的形式 / matches none of the allowed forms"]]);
  });

  it("decides a union without a discriminator as core does", () => {
    const IdOrCount = toZod(Schema.Union(Schema.String, Schema.Number));
    expect(IdOrCount.parse(3)).toBe(3);
    expect(issuesOf(IdOrCount, true)).toEqual([[[], "不符合任何一种允许的形式 / matches none of the allowed forms"]]);
  });

  it("reports what core reports for a union of refinements: each member's own problem", () => {
    const Operand = Schema.Union(
      Schema.String.pipe(Schema.filter((s) => s.length >= 1, bilingualMessage("应为参数名称", "must be a parameter name"))),
      Schema.Number.pipe(Schema.filter(Number.isFinite, bilingualMessage("应为有限数值", "must be a finite number"))),
    );
    const core = (input: unknown) => {
      const r = decode(Operand, input);
      return r.ok ? [] : r.error.issues.map((i) => [i.path, `${i.zh} / ${i.en}`]);
    };
    for (const input of [true, "", null]) expect(issuesOf(toZod(Operand), input)).toEqual(core(input));
    expect(core(true)).toEqual([
      [[], "应为文本 / must be a string"],
      [[], "应为数字 / must be a number"],
    ]);
    expect(toZod(Operand).parse("crowdRedMin")).toBe("crowdRedMin");
  });

  it("chooses the members of a union by their literal fields, as core does, when a field is sometimes a union of literals", () => {
    const Condition = publicSchemas.GradingTable.fields.rules.value.fields.when;
    const zod = toZod(Condition);
    for (const input of [
      { op: ">=", fact: "peopleInvolved", than: true },
      { op: "nor", fact: "x" },
      { fact: "x" },
      [{ op: "is" }],
      "is",
    ]) {
      const core = decode(Condition, input);
      expect(core.ok).toBe(false);
      const expected = core.ok ? [] : core.error.issues.map((i) => JSON.stringify([i.path, `${i.zh} / ${i.en}`]));
      const result = zod.safeParse(input);
      const got = (result.error?.issues ?? []).flatMap((i) =>
        i.code === "unrecognized_keys" ? i.keys.map((k) => JSON.stringify([[...i.path, k], i.message])) : [JSON.stringify([i.path, i.message])],
      );
      expect(new Set(got)).toEqual(new Set(expected));
    }
  });
});

describe("recursive schemas", () => {
  interface Tree {
    readonly label: string;
    readonly children: ReadonlyArray<Tree>;
  }
  const Tree: Schema.Schema<Tree> = Schema.Struct({
    label: Schema.String,
    children: Schema.Array(Schema.suspend((): Schema.Schema<Tree> => Tree)),
  });
  const deep = (n: number): Tree => (n === 0 ? { label: "leaf", children: [] } : { label: `n${n}`, children: [deep(n - 1)] });

  it("derive once (Suspend becomes a memoised z.lazy) and parse as deep as the input goes, up to the depth core's decode reads", () => {
    const TreeSchema = toZod(Tree);
    expect(TreeSchema.parse(deep(60))).toEqual(deep(60));
    // Each level of the tree is an object and an array: 300 levels are 600 deep.
    const tooDeep = decode(Tree, deep(300));
    expect(tooDeep.ok).toBe(false);
    expect(tooDeep.ok ? [] : tooDeep.error.issues.map((i) => [i.path, `${i.zh} / ${i.en}`])).toEqual(issuesOf(TreeSchema, deep(300)));
    const broken = { label: "a", children: [{ label: "b", children: [{ label: 3, children: [] }] }] };
    const core = decode(Tree, broken);
    expect(core.ok ? [] : core.error.issues.map((i) => [i.path, `${i.zh} / ${i.en}`])).toEqual(issuesOf(TreeSchema, broken));
    expect(issuesOf(TreeSchema, broken)).toEqual([[["children", 0, "children", 0, "label"], "应为文本 / must be a string"]]);
  });

  it("export to JSON Schema with the recursion as a reference", () => {
    const json = z.toJSONSchema(publicZodSchemas.GradingTable) as { $defs?: Record<string, unknown> };
    expect(Object.keys(json.$defs ?? {}).length).toBeGreaterThan(0);
    expect(JSON.stringify(json)).toContain('"anyOf"');
  });
});

describe("structs", () => {
  it("reports missing required fields and unknown fields, like core", () => {
    const result = PersonSchema.safeParse({ id: "p-1", jurisdiction: "532301104201", nickname: "小李" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([
      { path: ["name"], message: "缺少必填项 / is required" },
      { code: "unrecognized_keys", keys: ["nickname"], path: [], message: "不允许出现此字段 / is not an allowed field" },
    ]);
  });

  it("rejects a value that is not an object", () => {
    expect(issuesOf(PersonSchema, [])).toEqual([[[], "应为对象 / must be an object"]]);
  });

  it("accepts an absent optional field and refuses one present as undefined, as core does", () => {
    expect(decode(publicSchemas.Contact, {}).ok).toBe(true);
    expect(ContactSchema.safeParse({}).success).toBe(true);
    expect(decode(publicSchemas.Contact, { phone: undefined }).ok).toBe(false);
    expect(issuesOf(ContactSchema, { phone: undefined })).toEqual([[["phone"], "应为文本 / must be a string"]]);
    expect(issuesOf(ContactSchema, { phone: null })).toEqual([[["phone"], "应为文本 / must be a string"]]);
    expect(issuesOf(ContactSchema, { phone: "12345" })).toEqual([
      [["phone"], "应为 11 位手机号或带区号的固定电话 / must be an 11-digit mobile number or a landline with its area code"],
    ]);
  });

  it("rejects undefined for an exact optional field, as core does", () => {
    const Exact = Schema.Struct({ note: Schema.optionalWith(Schema.String, { exact: true }) });
    expect(decode(Exact, { note: undefined }).ok).toBe(false);
    expect(issuesOf(toZod(Exact), { note: undefined })).toEqual([[["note"], "应为文本 / must be a string"]]);
    expect(toZod(Exact).parse({})).toStrictEqual({});
  });
});

describe("unsupported schemas throw at derivation, naming the place", () => {
  it.each([
    ["a transformation", Schema.Struct({ at: Schema.Date }), /Transformation node \(DateFromString\) at \(root\)\.at/],
    ["a declaration", Schema.Struct({ at: Schema.DateFromSelf }), /Declaration node \(DateFromSelf\) at \(root\)\.at/],
    ["a record", Schema.Record({ key: Schema.String, value: Schema.Number }), /record \(index signature\)/],
    ["a tuple", Schema.Struct({ pair: Schema.Tuple(Schema.String, Schema.Number) }), /tuple with fixed elements.*at \(root\)\.pair/],
  ] as const)("%s", (_what, schema, message) => {
    expect(() => toZod(schema as unknown as Schema.Schema<unknown, unknown>)).toThrow(ZodDerivationError);
    expect(() => toZod(schema as unknown as Schema.Schema<unknown, unknown>)).toThrow(message);
  });
});

describe("an integrator's own schema", () => {
  const Household = Schema.Struct({
    head: Schema.String,
    size: Schema.Number.pipe(Schema.filter((n) => Number.isInteger(n) && n >= 1, bilingualMessage("至少 1 人", "at least 1 person"))),
    members: Schema.Array(Schema.Struct({ name: Schema.String })),
  });
  const HouseholdSchema = toZod(Household);

  it("agrees with core on a nested failure", () => {
    const input = { head: "李", size: 0, members: [{ name: 1 }] };
    const core = decode(Household, input);
    expect(core.ok).toBe(false);
    const expected = core.ok ? [] : core.error.issues.map((i) => [i.path, `${i.zh} / ${i.en}`]);
    expect(issuesOf(HouseholdSchema, input)).toEqual(expected);
    expect(expected).toEqual([
      [["size"], "至少 1 人 / at least 1 person"],
      [["members", 0, "name"], "应为文本 / must be a string"],
    ]);
  });

  it("keeps a documented difference: effect's built-in length filters also run when items fail, zod's check does not", () => {
    const Names = Schema.Array(Schema.String).pipe(Schema.minItems(2));
    const input = [1];
    const core = decode(Names, input);
    const zod = toZod(Names).safeParse(input);
    expect(core.ok).toBe(false);
    expect(zod.success).toBe(false);
    expect(core.ok ? [] : core.error.issues.map((i) => i.path)).toEqual([[0], []]);
    expect(zod.error?.issues.map((i) => i.path)).toEqual([[0]]);
  });

  it("gives zod's JSON Schema export the shape of the input", () => {
    const json = z.toJSONSchema(HouseholdSchema) as { required?: Array<string>; additionalProperties?: boolean };
    expect(json.required).toEqual(["head", "size", "members"]);
    expect(json.additionalProperties).toBe(false);
  });
});

describe("objects that cannot be turned into text", () => {
  it.each([
    ["an own toString that is not a function", { toString: {} }],
    ["no prototype", Object.create(null) as object],
  ])("at a party's kind (%s): core and zod report the same single issue", (_what, kind) => {
    const input = { kind, person: "p-1", role: "claimant" };
    const core = decode(publicSchemas.Party, input);
    expect(core.ok).toBe(false);
    if (core.ok) return;
    const coreIssues = core.error.issues.map((i) => [i.path, `${i.zh} / ${i.en}`]);
    expect(coreIssues).toEqual([[["kind"], expect.stringContaining("应为以下之一")]]);
    expect(issuesOf(PartySchema, input)).toEqual(coreIssues);
  });
});
