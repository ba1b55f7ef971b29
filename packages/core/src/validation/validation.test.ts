import { Effect, Either } from "effect";
import { describe, expect, test } from "vitest";
import { Dispute } from "../model/dispute.js";
import { Person } from "../model/person.js";
import { decode, decodeEffect, encode, jsonSchema, standardSchema } from "./decode.js";
import { formatValidationError } from "./format.js";
import { ValidationError, formatPath } from "./validation-error.js";

const facts = {
  peopleInvolved: 2,
  amountAtStake: 0,
  threatOfViolence: false,
  selfHarmRisk: false,
  violentHistory: false,
  emotionalIntensity: 1,
  failedMediations: 0,
  vulnerableParty: false,
  unpaidMajorProjectLandCompensation: false,
};

const dispute = {
  id: "d-0001",
  jurisdiction: "532301104201",
  domain: "neighbourhood",
  parties: [
    { kind: "person", person: "p-1", role: "claimant" },
    { kind: "organisation", name: "紫溪建筑队", role: "respondent" },
  ],
  summary: "宅基地滴水檐争议",
  reportedOn: "2024-11-12",
  facts,
};

describe("decode", () => {
  test("a good dispute decodes to itself", () => {
    expect(decode(Dispute, dispute)).toEqual({ ok: true, value: dispute });
  });

  test("lists every problem with its path, in both languages", () => {
    const r = decode(Dispute, {
      ...dispute,
      domain: "love",
      parties: [{ kind: "person", person: "p-1", role: "judge" }],
      facts: { ...facts, emotionalIntensity: 7, selfHarmRisk: undefined },
      remark: "x",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues.map((i) => [formatPath(i.path), i.zh])).toEqual([
      ["remark", "不允许出现此字段"],
      ["domain", expect.stringContaining("应为纠纷领域代码之一")],
      ["parties[0].role", expect.stringContaining("应为当事人角色代码之一")],
      ["facts.selfHarmRisk", "应为 true 或 false"],
      ["facts.emotionalIntensity", "情绪激烈程度应为 0、1、2 或 3"],
    ]);
  });

  test("a party whose kind is unknown is reported once, at its kind", () => {
    const r = decode(Dispute, { ...dispute, parties: [{ kind: "robot", name: "x", role: "other" }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => formatPath(i.path))).toEqual(["parties[0].kind"]);
  });

  test("a dispute must be placed at township or village level", () => {
    const r = decode(Dispute, { ...dispute, jurisdiction: "532301000000" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([
      { path: ["jurisdiction"], zh: "纠纷所在地应为乡级或村级区划代码", en: "a dispute's jurisdiction must be a township- or village-level code" },
    ]);
  });

  test("messages never repeat the value that was refused", () => {
    const secret = "11010519491231002Y";
    const r = decode(Person, { id: "p1", name: "李秀英", jurisdiction: "532301104201", identityNumber: secret });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).not.toContain(secret);
      expect(formatValidationError(r.error)).not.toContain(secret);
    }
  });

  test("an optional field is absent or valid, never present as undefined", () => {
    const person = { id: "p1", name: "李秀英", jurisdiction: "532301104201" };
    expect(decode(Person, person).ok).toBe(true);
    const r = decode(Person, { ...person, identityNumber: undefined });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.path)).toEqual([["identityNumber"]]);
  });

  test("a non-object input is refused at the root", () => {
    const r = decode(Person, "李秀英");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([{ path: [], zh: "应为对象", en: "must be an object" }]);
  });
});

describe("formatValidationError", () => {
  const error = new ValidationError({
    issues: [
      { path: ["name"], zh: "缺少必填项", en: "is required" },
      { path: ["parties", 0, "role"], zh: "取值不符合要求", en: "is not a valid value" },
    ],
  });

  test("writes both languages by default", () => {
    expect(formatValidationError(error, { subject: "row 3" })).toBe(
      ["row 3：共 2 处问题 / row 3: 2 problems", "  1. name: 缺少必填项 / is required", "  2. parties[0].role: 取值不符合要求 / is not a valid value"].join("\n"),
    );
  });

  test("writes one language on request", () => {
    expect(formatValidationError(error, { lang: "zh" })).toBe("共 2 处问题\n  1. name：缺少必填项\n  2. parties[0].role：取值不符合要求");
    expect(formatValidationError(error, { lang: "en" }).split("\n")[0]).toBe("2 problems");
  });

  test("its text has every issue with its path, one language each, like the ledger's other errors", () => {
    expect(error.text).toEqual({ zh: "name: 缺少必填项\nparties[0].role: 取值不符合要求", en: "name: is required\nparties[0].role: is not a valid value" });
  });

  test("the error's own message has every issue", () => {
    expect(error.message.split("\n")).toHaveLength(2);
    expect(error._tag).toBe("ValidationError");
  });
});

describe("formatPath", () => {
  test.each([
    [[], "(root)"],
    [["facts", "peopleInvolved"], "facts.peopleInvolved"],
    [["parties", 2, "role"], "parties[2].role"],
    [["odd key"], '["odd key"]'],
  ] as const)("%j → %s", (path, text) => expect(formatPath(path)).toBe(text));
});

describe("the other ways in", () => {
  test("decodeEffect fails with the same ValidationError", () => {
    const exit = Effect.runSync(Effect.either(decodeEffect(Person, {})));
    expect(Either.isLeft(exit)).toBe(true);
    if (Either.isLeft(exit)) expect(exit.left.issues.map((i) => i.path[0])).toEqual(["id", "name", "jurisdiction"]);
  });

  test("Standard Schema reports 'zh / en' messages with paths", () => {
    const out = standardSchema(Person)["~standard"].validate({ id: "p1", name: "王", jurisdiction: "1" });
    expect(out).toEqual({
      issues: [{ message: "区划代码应为 12 位数字 / a division code must be 12 digits", path: ["jurisdiction"] }],
    });
  });

  test("encode gives plain JSON", () => {
    const r = decode(Dispute, dispute);
    if (!r.ok) throw r.error;
    expect(encode(Dispute, r.value)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(dispute)) });
  });

  test("JSON Schema lists the required fields and forbids unknown ones", () => {
    const schema = jsonSchema(Dispute) as { $defs: Record<string, { required?: Array<string>; additionalProperties?: boolean }> };
    expect(schema.$defs.Dispute?.required).toEqual(["id", "jurisdiction", "domain", "parties", "summary", "reportedOn", "facts"]);
    expect(schema.$defs.Dispute?.additionalProperties).toBe(false);
  });
});
