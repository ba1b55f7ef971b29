import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import { parentDivision } from "../model/division-code.js";
import { decode } from "../validation/decode.js";
import { Actor as ActorSchema } from "../model/actor.js";
import type { Listing } from "../support/listing.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import { canRead, canWrite, policyViolations, readAccess } from "./access-decisions.js";
import { type AccessPolicy, defaultAccessPolicy } from "./access-policy.js";
import { actorContextArb, supportRecordArb } from "./access-arbitraries.js";
import type { ActorContext } from "./actor-context.js";
import { maskPhoneNumber, redact } from "./redact.js";
import type { SupportRecord } from "./support-record.js";

const actor = (role: Actor["role"], scope = "532301104000"): Actor => {
  const r = decode(ActorSchema, { officerId: "zx-0001", name: "张明", unit: "u-1", role, scope });
  if (!r.ok) throw r.error;
  return r.value;
};
const ctx = (role: Actor["role"], unitKind: UnitKind, scope?: string): ActorContext => ({ actor: actor(role, scope), unitKind });

const health = ctx("unit-officer", "health-centre");
const police = ctx("unit-officer", "police-station");
const justice = ctx("unit-officer", "justice-office");
const village = ctx("village-committee", "village-committee");
const coordinator = ctx("coordinator", "peace-rule-of-law-office");
const auditor = ctx("auditor", "governance-centre");

const record: SupportRecord = {
  person: {
    id: "p-7",
    name: "李秀英",
    identityNumber: "53230119800101002X",
    jurisdiction: "532301104201",
    contact: { phone: "13812345678" },
  } as SupportRecord["person"],
  listing: {
    id: "l-1",
    person: "p-7",
    jurisdiction: "532301104201",
    category: 1,
    lawfulBasis: "《中华人民共和国精神卫生法》",
    evidence: { text: "卫生院确认", assessedBy: "卫生院", assessedOn: "2025-01-03" },
    responsibleUnit: "u-wsy",
    responsiblePerson: "杨医生",
    basisEndsOn: "2026-01-03",
    history: [
      { kind: "opened", on: "2025-01-03", actor: { officerId: "wsy-07", name: "杨医生", unit: "u-wsy", role: "unit-officer", scope: "532301104000" }, nextReviewOn: "2025-04-03" },
    ],
    details: { kind: "mental-health", confirmedBy: "health-centre", confirmedOn: "2025-01-03", dangerousnessGrade: 3 },
  } as unknown as Listing,
  auditTrail: [{ on: "2025-01-03", officer: "杨医生", unit: "u-wsy", action: "create", fields: ["listing"] }] as unknown as SupportRecord["auditTrail"] & object,
};

describe("what each audience sees of a category-1 listing", () => {
  it("the health centre sees the health details and the numbers in full", () => {
    const seen = redact(record, health);
    expect(seen?.listing?.details).toEqual(record.listing.details);
    expect(seen?.person?.identityNumber).toBe("53230119800101002X");
    expect(seen?.auditTrail).toBeUndefined();
  });

  it("the police station sees the dangerousness grade alone", () => {
    const seen = redact(record, police);
    expect(seen?.listing?.details).toEqual({ dangerousnessGrade: 3 });
    expect(seen?.listing?.category).toBeUndefined();
    expect(seen?.listing?.evidence).toBeUndefined();
    expect(seen?.person?.identityNumber).toBe("53230119800101002X");
  });

  it("the peace and rule-of-law office sees the grade, with masked numbers", () => {
    const seen = redact(record, coordinator);
    expect(seen?.listing?.details).toEqual({ dangerousnessGrade: 3 });
    expect(seen?.person?.identityNumber).toBe("532301********002X");
    expect(seen?.person?.contact?.phone).toBe("138****5678");
  });

  it("a village committee sees who needs follow-up and which unit leads, not why", () => {
    const seen = redact(record, village);
    expect(seen?.person?.name).toBe("李秀英");
    expect(seen?.listing?.responsibleUnit).toBe("u-wsy");
    expect(seen?.listing?.history).toEqual([{ kind: "opened", on: "2025-01-03", nextReviewOn: "2025-04-03" }]);
    for (const why of ["category", "details", "evidence", "lawfulBasis", "basisEndsOn"] as const) {
      expect(seen?.listing?.[why]).toBeUndefined();
    }
    expect(seen?.person?.identityNumber).toBe("532301********002X");
  });

  it("an auditor sees the audit trail, not the content", () => {
    const seen = redact(record, auditor);
    expect(seen?.auditTrail).toEqual(record.auditTrail);
    expect(seen?.person?.name).toBeUndefined();
    expect(seen?.person?.identityNumber).toBeUndefined();
    expect(seen?.listing?.details).toBeUndefined();
  });

  it("nobody sees a record outside their scope", () => {
    expect(redact(record, ctx("unit-officer", "health-centre", "532301105000"))).toBeUndefined();
  });
});

describe("criminal records", () => {
  const cat2 = {
    ...record,
    listing: {
      ...record.listing,
      category: 2,
      details: { kind: "correction", correction: { kind: "released", releasedOn: "2021-06-30" } },
    } as unknown as Listing,
  };

  it("go only to the justice office and the police station", () => {
    expect(redact(cat2, justice)?.listing?.details).toEqual(cat2.listing.details);
    expect(redact(cat2, police)?.listing?.category).toBe(2);
    expect(redact(cat2, health)?.listing?.details).toBeUndefined();
    expect(redact(cat2, coordinator)?.listing?.category).toBeUndefined();
    const leaders = ctx("township-leadership", "township-leadership");
    expect(redact(cat2, leaders)?.listing?.basisEndsOn).toBeUndefined();
  });
});

describe("a listing's history", () => {
  const removed = {
    ...record,
    listing: {
      ...record.listing,
      category: 5,
      details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-03" },
      history: [...record.listing.history, { kind: "removed", on: "2025-02-01", actor: record.listing.history[0]!.actor, reason: { text: "已迁出本镇" } }],
    } as unknown as Listing,
  };

  it("shows its days to everyone in scope, and who acted and why only to those who may know why", () => {
    const days = [{ kind: "opened", on: "2025-01-03", nextReviewOn: "2025-04-03" }, { kind: "removed", on: "2025-02-01" }];
    expect(redact(removed, village)?.listing?.history).toEqual(days);
    expect(redact(removed, ctx("grid-worker", "village-committee"))?.listing?.history).toEqual(days);
    expect(redact(removed, coordinator)?.listing?.history).toEqual(removed.listing.history);
    expect(redact(record, coordinator)?.listing?.history).toEqual([{ kind: "opened", on: "2025-01-03", nextReviewOn: "2025-04-03" }]);
    expect(redact(record, health)?.listing?.history).toEqual(record.listing.history);
  });
});

describe("canRead and canWrite", () => {
  const subject = { jurisdiction: record.listing.jurisdiction, category: 1 as const };

  it("follow the policy", () => {
    expect(canRead(police, "listing.details.dangerousnessGrade", subject)).toBe(true);
    expect(canRead(police, "listing.details.confirmedOn", subject)).toBe(false);
    expect(readAccess(village, "person.identityNumber", subject)).toBe("masked");
    expect(canRead(village, "person.identityNumber", subject)).toBe(false);
    expect(canWrite(health, "listing.details", subject)).toBe(true);
    expect(canWrite(police, "listing.details.dangerousnessGrade", subject)).toBe(false);
    expect(canWrite(village, "listing.history", subject)).toBe(false);
    expect(canRead(village, "listing.history.actor", subject)).toBe(false);
    expect(canWrite(auditor, "auditTrail", subject)).toBe(false);
    expect(canRead(health, "listing.somethingUnknown", subject)).toBe(false);
  });
});

describe("policyViolations", () => {
  it("finds none in the default policy", () => {
    expect(policyViolations(defaultAccessPolicy)).toEqual([]);
  });

  it("flags a loosened policy", () => {
    const loose: AccessPolicy = {
      ...defaultAccessPolicy,
      audiences: defaultAccessPolicy.audiences.map((a) =>
        a.code === "village-committee" ? { ...a, read: { ...a.read, personal: "full", "sensitive-health": "full" } } : a,
      ),
    };
    expect(policyViolations(loose).length).toBeGreaterThanOrEqual(2);
  });

  it("flags a village committee that would learn who acted on a listing, or why it ended", () => {
    for (const path of ["listing.history.actor", "listing.history.reason"]) {
      const grant = { path, access: "full" as const, note: { zh: "试", en: "try" } };
      const loose: AccessPolicy = {
        ...defaultAccessPolicy,
        audiences: defaultAccessPolicy.audiences.map((a) => (a.code === "village-committee" ? { ...a, grants: [...a.grants, grant] } : a)),
      };
      expect(policyViolations(loose).map((v) => v.code)).toContain("village-sees-why");
    }
  });
});

type Leaf = readonly [string, unknown];
const leaves = (value: unknown, path = ""): ReadonlyArray<Leaf> => {
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, path));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path === "" ? k : `${path}.${k}`));
  }
  return value === undefined ? [] : [[path, value]];
};
const valueAt = (value: unknown, path: string): ReadonlyArray<unknown> => leaves(value).filter(([p]) => p === path).map(([, v]) => v);

describe("properties", () => {
  test.prop([supportRecordArb, actorContextArb], { numRuns: 200 })("redact is idempotent", (r, c) => {
    const once = redact(r, c);
    if (once !== undefined) expect(redact(once, c)).toEqual(once);
  });

  test.prop([supportRecordArb, actorContextArb], { numRuns: 200 })("redact never reveals a field the policy denies", (r, c) => {
    const seen = redact(r, c);
    const subject = { jurisdiction: r.listing.jurisdiction, category: r.listing.category };
    for (const [path, v] of leaves(seen)) {
      const access = readAccess(c, path, subject);
      expect(access).not.toBe("none");
      if (access === "masked") expect(valueAt(r, path)).not.toContain(v);
    }
    for (const [path, v] of leaves(r)) {
      if (readAccess(c, path, subject) === "full") expect(valueAt(seen, path)).toContain(v);
    }
  });

  test.prop([supportRecordArb, actorContextArb], { numRuns: 200 })("widening an actor's scope never hides more", (r, c) => {
    const parent = parentDivision(c.actor.scope);
    if (parent === undefined) return;
    const wider: ActorContext = { ...c, actor: { ...c.actor, scope: parent } };
    const narrow = leaves(redact(r, c));
    const wide = leaves(redact(r, wider));
    for (const [path, v] of narrow) expect(wide.some(([p, w]) => p === path && w === v)).toBe(true);
  });

  test.prop([fc.constantFrom("13812345678", "0878-1234567", "08781234567")])("phone masks are idempotent", (p) => {
    expect(maskPhoneNumber(maskPhoneNumber(p))).toBe(maskPhoneNumber(p));
  });
});
