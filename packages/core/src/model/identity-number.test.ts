import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbitraries } from "../testing/arbitraries.js";
import { decode } from "../validation/decode.js";
import { IdentityNumber, identityCheckCharacter, identityNumberFacts, maskIdentityNumber } from "./identity-number.js";

const CHARS = "0123456789X";

describe("the standard's published example", () => {
  const example = "11010519491231002X";

  test("decodes, with its check character X", () => {
    expect(decode(IdentityNumber, example)).toEqual({ ok: true, value: example });
    expect(identityCheckCharacter(example.slice(0, 17))).toBe("X");
  });

  test("says: region 110105, born 1949-12-31, female", () => {
    const r = decode(IdentityNumber, example);
    if (!r.ok) throw r.error;
    expect(identityNumberFacts(r.value)).toEqual({ region: "110105", birthDate: "1949-12-31", sex: "female" });
  });

  test("masks to its region and last four", () => {
    const r = decode(IdentityNumber, example);
    if (!r.ok) throw r.error;
    expect(maskIdentityNumber(r.value)).toBe("110105********002X");
  });

  test("is refused with a lower-case x, and says why", () => {
    const r = decode(IdentityNumber, "11010519491231002x");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]?.en).toMatch(/upper-case X/);
  });
});

test.prop([arbitraries.IdentityNumber])("generated valid numbers pass", (id) => {
  expect(decode(IdentityNumber, id).ok).toBe(true);
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

test.prop([arbitraries.IdentityNumber])("sex follows the parity of the 17th digit", (id) => {
  const r = decode(IdentityNumber, id);
  if (!r.ok) throw r.error;
  expect(identityNumberFacts(r.value).sex).toBe(Number(id[16]) % 2 === 1 ? "male" : "female");
});

test.prop([arbitraries.IdentityNumber])("masking hides the birth date and sequence, and keeps the rest", (id) => {
  const r = decode(IdentityNumber, id);
  if (!r.ok) throw r.error;
  const masked = maskIdentityNumber(r.value);
  expect(masked).toHaveLength(18);
  expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
  expect(masked.slice(6, 14)).toBe("********");
  expect(masked.slice(14)).toBe(id.slice(14));
});

test("an impossible birth date is refused even with a correct check character", () => {
  const first17 = "53230120250230001";
  const r = decode(IdentityNumber, first17 + identityCheckCharacter(first17));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.issues).toEqual([{ path: [], zh: "出生日期码不是有效日期", en: "the birth date part is not a real date" }]);
});
