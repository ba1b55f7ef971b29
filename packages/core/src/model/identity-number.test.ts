import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { redact } from "../access/redact.js";
import type { SupportRecord } from "../access/support-record.js";
import { arbitraries } from "../testing/arbitraries.js";
import { decode } from "../validation/decode.js";
import { Actor } from "./actor.js";
import { IdentityNumber, identityCheckCharacter, identityNumberFacts, maskIdentityNumber } from "./identity-number.js";

const CHARS = "0123456789X";

/**
 * The check character written a second time, from the recursive definition of
 * ISO 7064 MOD 11-2 rather than a table of weights: carry P = 0; for each digit
 * a, P ← 2·(P + a) mod 11; the check value c is the one with (P + c) mod 11 = 1,
 * written X when it is 10.
 */
const mod11_2 = (digits: string): string => {
  let p = 0;
  for (const ch of digits) p = (2 * (p + Number(ch))) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? "X" : String(c);
};

const unwrap = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: unknown }): A => {
  if (!r.ok) throw new Error("refused");
  return r.value;
};

describe("the standard's published example", () => {
  const example = "11010519491231002X";

  test("decodes, with its check character X", () => {
    expect(decode(IdentityNumber, example)).toEqual({ ok: true, value: example });
    expect(identityCheckCharacter(example.slice(0, 17))).toEqual({ ok: true, value: "X" });
    expect(mod11_2(example.slice(0, 17))).toBe("X");
  });

  test("says: a citizen, region 110105, born 1949-12-31, female", () => {
    expect(identityNumberFacts(example)).toEqual({ ok: true, value: { kind: "citizen", region: "110105", birthDate: "1949-12-31", sex: "female" } });
  });

  test("masks to its region and last four", () => {
    expect(maskIdentityNumber(example)).toEqual({ ok: true, value: "110105********002X" });
  });

  test("is refused with a lower-case x, and says why", () => {
    const r = decode(IdentityNumber, "11010519491231002x");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]?.en).toMatch(/upper-case X/);
  });
});

describe("a foreigner's permanent-residence number (2023 version)", () => {
  // 9 · 53 Yunnan · 104 Myanmar · born 1988-07-15 · sequence 002 (a woman) · check 9
  const example = "953104198807150029";

  test("decodes as its own kind, and says what each part means", () => {
    expect(decode(IdentityNumber, example).ok).toBe(true);
    expect(identityNumberFacts(example)).toEqual({
      ok: true,
      value: { kind: "foreign-permanent-resident", province: "53", nationality: "104", birthDate: "1988-07-15", sex: "female" },
    });
  });

  test("masks the nationality and birth date, keeping the 9, the province and the last four", () => {
    expect(maskIdentityNumber(example)).toEqual({ ok: true, value: "953***********0029" });
  });

  test("is refused with a province that is not one, and says why", () => {
    const first17 = "90010419880715002"; // "00" is no province
    const r = decode(IdentityNumber, first17 + unwrap(identityCheckCharacter(first17)));
    expect(r).toMatchObject({ ok: false, error: { issues: [{ path: [], en: "digits 2–3 of a foreigner's permanent-residence number must be the code of the province that issued it" }] } });
  });

  test("the first digit 0 is neither kind", () => {
    const first17 = "01010519491231002";
    const r = decode(IdentityNumber, first17 + unwrap(identityCheckCharacter(first17)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]?.en).toMatch(/1–8 .* or 9/);
  });
});

const kindOf = (id: string) => (id.startsWith("9") ? "foreign-permanent-resident" : "citizen");

test.prop([arbitraries.IdentityNumber], { numRuns: 300 })("generated valid numbers of both kinds pass", (id) => {
  expect(decode(IdentityNumber, id).ok).toBe(true);
  expect(unwrap(identityNumberFacts(id)).kind).toBe(kindOf(id));
});

test("the arbitrary reaches both kinds", () => {
  const ids = fc.sample(arbitraries.IdentityNumber, { numRuns: 400, seed: 8 });
  expect(ids.some((id) => id.startsWith("9"))).toBe(true);
  expect(ids.some((id) => !id.startsWith("9"))).toBe(true);
});

test.prop([fc.stringMatching(/^\d{17}$/)], { numRuns: 500 })("the check character agrees with the recursive ISO 7064 MOD 11-2 definition", (digits) => {
  expect(identityCheckCharacter(digits)).toEqual({ ok: true, value: mod11_2(digits) });
});

test.prop([arbitraries.IdentityNumber])("every valid number's last character is its MOD 11-2 check character", (id) => {
  expect(id[17]).toBe(mod11_2(id.slice(0, 17)));
});

test.prop([fc.oneof(fc.string(), fc.stringMatching(/^[\dX]{0,20}$/), fc.constant("1101051949123100\u0661"))], { numRuns: 300 })(
  "every identity helper is total: an error value for bad input, never undefined or a throw",
  (input) => {
    const check = identityCheckCharacter(input);
    expect(check.ok).toBe(/^\d{17}$/.test(input));
    if (check.ok) expect(CHARS).toContain(check.value);
    else expect(check.error.issues).toHaveLength(1);
    const valid = decode(IdentityNumber, input).ok;
    for (const r of [identityNumberFacts(input), maskIdentityNumber(input)]) {
      expect(r.ok).toBe(valid);
      if (r.ok) expect(r.value).toBeDefined();
      // Refusals never repeat the refused value.
      else for (const issue of r.error.issues) expect(`${issue.zh} ${issue.en}`).not.toContain(input.length > 3 ? input : "\u0000");
    }
  },
);

test.prop([fc.anything()], { numRuns: 100 })("even a value that is not a string gets an error value", (input) => {
  expect(identityCheckCharacter(input as string).ok).toBe(typeof input === "string" && /^\d{17}$/.test(input));
  expect(identityNumberFacts(input as string).ok).toBe(false);
  expect(maskIdentityNumber(input as string).ok).toBe(false);
});

test.prop([
  arbitraries.IdentityNumber.chain((id) =>
    fc
      .tuple(fc.integer({ min: 0, max: 17 }), fc.constantFrom(...CHARS))
      .filter(([i, c]) => id[i] !== c)
      .map(([i, c]) => ({ id, changed: id.slice(0, i) + c + id.slice(i + 1) })),
  ),
])("any single-character change fails", ({ changed }) => {
  expect(decode(IdentityNumber, changed).ok).toBe(false);
});

test.prop([arbitraries.IdentityNumber])("the parts: birth date, sex by digit 17, region or province and nationality", (id) => {
  const facts = unwrap(identityNumberFacts(id));
  expect(facts.birthDate).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
  expect(facts.sex).toBe(Number(id[16]) % 2 === 1 ? "male" : "female");
  if (facts.kind === "citizen") expect(facts.region).toBe(id.slice(0, 6));
  else expect([facts.province, facts.nationality]).toEqual([id.slice(1, 3), id.slice(3, 6)]);
});

test.prop([arbitraries.IdentityNumber])("masking hides the birth date and sequence (and a foreigner's nationality), and keeps the rest", (id) => {
  const masked = unwrap(maskIdentityNumber(id));
  expect(masked).toHaveLength(18);
  expect(masked.slice(14)).toBe(id.slice(14));
  const kept = id.startsWith("9") ? 3 : 6;
  expect(masked.slice(0, kept)).toBe(id.slice(0, kept));
  expect(masked.slice(kept, 14)).toBe("*".repeat(14 - kept));
});

test("an impossible birth date is refused even with a correct check character", () => {
  for (const first17 of ["53230120250230001", "95310420250230001"]) {
    const r = decode(IdentityNumber, first17 + unwrap(identityCheckCharacter(first17)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([{ path: [], zh: "出生日期码不是有效日期", en: "the birth date part is not a real date" }]);
  }
});

test.prop([arbitraries.IdentityNumber], { numRuns: 50 })("redaction masks both kinds as maskIdentityNumber does, and masking its output changes nothing", (id) => {
  const actor = decode(Actor, { officerId: "zx-0001", name: "张明", unit: "u-1", role: "coordinator", scope: "532301104000" });
  if (!actor.ok) throw actor.error;
  const ctx = { actor: actor.value, unitKind: "peace-rule-of-law-office" as const };
  const person = { id: "p-1", name: "李秀英", identityNumber: id, jurisdiction: "532301104201" } as SupportRecord["person"];
  const seen = redact({ person }, ctx);
  expect(seen?.person?.identityNumber).toBe(unwrap(maskIdentityNumber(id)));
  expect(redact(seen!, ctx)).toEqual(seen);
});
