import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Actor as ActorSchema, type Actor } from "../model/actor.js";
import { type DivisionCode, parentDivision } from "../model/division-code.js";
import type { Listing } from "../support/listing.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import { decode } from "../validation/decode.js";
import { canRead, canWrite, policyViolations, readAccess } from "./access-decisions.js";
import { type AccessPolicy, defaultAccessPolicy } from "./access-policy.js";
import { accessCaseArb, type ScopeRelation } from "./access-arbitraries.js";
import type { ActorContext } from "./actor-context.js";
import { maskPhoneNumber, redact } from "./redact.js";
import type { RedactedSupportRecord, SupportRecord } from "./support-record.js";

// ---------------------------------------------------------------------------
// The oracle: what each audience of the default policy sees, written out by hand
// from the policy's stated rules (need-to-know; see defaultAccessPolicy's docs),
// not computed from the policy or from readAccess.
// ---------------------------------------------------------------------------

type Access = "full" | "masked" | "none";
const F: Access = "full";
const M: Access = "masked";
const N: Access = "none";
/** One access per support category, 1 to 6. */
type PerCategory = readonly [Access, Access, Access, Access, Access, Access];

/**
 * The kinds of field, as the oracle sees them:
 * - `public`: ids, places, the lead unit and person, the kind and day of each
 *   event of the listing's history and its next review date;
 * - `name`: the person's name; `contact`: an empty contact (no phone);
 * - `identity`, `phone`: the identity number and the phone number;
 * - `why`: the listing's category, lawful basis, evidence, basis end, details,
 *   and who acted on it and why (its events' actors and reasons), whose
 *   sensitivity depends on the category;
 * - `grade`: the dangerousness grade in category-1 details;
 * - `audit`: the audit trail;
 * - `stray`: a field the policy does not know.
 */
type FieldGroup = "public" | "name" | "contact" | "identity" | "phone" | "why" | "grade" | "audit" | "stray";

interface Row {
  readonly public: Access;
  readonly name: Access;
  readonly contact: Access;
  readonly identity: Access;
  readonly phone: Access;
  readonly why: PerCategory;
  readonly grade: Access;
  readonly audit: Access;
  readonly stray: Access;
}

const WHY_NONE: PerCategory = [N, N, N, N, N, N];
/** Categories 3–6 are personal; 1 is health, 2 criminal records. */
const WHY_PERSONAL: PerCategory = [N, N, F, F, F, F];

const EXPECTED: Readonly<Record<string, Row>> = {
  "health-centre":         { public: F, name: F, contact: F, identity: F, phone: F, why: [F, N, F, F, F, F], grade: F, audit: N, stray: N },
  "police-station":        { public: F, name: F, contact: F, identity: F, phone: F, why: [N, F, F, F, F, F], grade: F, audit: N, stray: N },
  "justice-office":        { public: F, name: F, contact: F, identity: F, phone: F, why: [N, F, F, F, F, F], grade: N, audit: N, stray: N },
  "social-affairs-office": { public: F, name: F, contact: F, identity: F, phone: F, why: WHY_PERSONAL, grade: N, audit: N, stray: N },
  "other-unit":            { public: F, name: F, contact: N, identity: M, phone: M, why: WHY_NONE, grade: N, audit: N, stray: N },
  coordinator:             { public: F, name: F, contact: F, identity: M, phone: M, why: WHY_PERSONAL, grade: F, audit: N, stray: N },
  "township-leadership":   { public: F, name: F, contact: F, identity: M, phone: M, why: WHY_PERSONAL, grade: N, audit: N, stray: N },
  "village-committee":     { public: F, name: F, contact: N, identity: M, phone: M, why: WHY_NONE, grade: N, audit: N, stray: N },
  "grid-worker":           { public: F, name: F, contact: N, identity: M, phone: M, why: WHY_NONE, grade: N, audit: N, stray: N },
  auditor:                 { public: F, name: N, contact: N, identity: N, phone: N, why: WHY_NONE, grade: N, audit: F, stray: N },
};

/** The audience of an actor, by hand: unit officers by their unit's kind, everyone else by role. */
const audienceByHand = (role: ActorRole, unitKind: UnitKind): string => {
  if (role !== "unit-officer") return role;
  const own: ReadonlyArray<UnitKind> = ["health-centre", "police-station", "justice-office", "social-affairs-office"];
  return own.includes(unitKind) ? unitKind : "other-unit";
};

/**
 * The oracle's kind of a field, by its path without array indices; `undefined`
 * for a path it does not know (a test then fails: add the path here).
 */
const groupOf = (path: string): FieldGroup | undefined => {
  if (path === "auditTrail" || path.startsWith("auditTrail.")) return "audit";
  if (path === "listing.details.dangerousnessGrade") return "grade";
  if (path.startsWith("listing.details.") || path.startsWith("listing.evidence.")) return "why";
  // A listing's history: the kind and day of each event and the review dates are public;
  // who acted and why is a “why”.
  if (path.startsWith("listing.history.actor.") || path.startsWith("listing.history.reason.")) return "why";
  switch (path) {
    case "person.id":
    case "person.jurisdiction":
    case "listing.id":
    case "listing.person":
    case "listing.jurisdiction":
    case "listing.responsibleUnit":
    case "listing.responsiblePerson":
    case "listing.history.kind":
    case "listing.history.on":
    case "listing.history.nextReviewOn":
      return "public";
    case "listing.category":
    case "listing.lawfulBasis":
    case "listing.basisEndsOn":
      return "why";
    case "person.name":
      return "name";
    case "person.contact":
      return "contact";
    case "person.identityNumber":
      return "identity";
    case "person.contact.phone":
      return "phone";
    case "person.note":
    case "listing.note":
      return "stray";
    default:
      return undefined;
  }
};

const expectedAccess = (ctx: ActorContext, path: string, category: SupportCategory): Access => {
  const row = EXPECTED[audienceByHand(ctx.actor.role, ctx.unitKind)];
  const group = groupOf(path);
  if (!row) throw new Error(`the oracle has no row for the audience of ${ctx.actor.role} / ${ctx.unitKind}`);
  if (!group) throw new Error(`the oracle does not know the field ${path}: add it to groupOf`);
  return group === "why" ? row.why[category - 1]! : row[group];
};

/** Whether a place lies within a scope, by hand: the scope's digits before its trailing zero parts. */
const insideByHand = (place: string, scope: string): boolean => {
  const digits = scope.endsWith("000000") ? 6 : scope.endsWith("000") ? 9 : 12;
  if (digits === 6 && scope.endsWith("00000000")) throw new Error(`the oracle knows scopes from county to village, not ${scope}`);
  return place.startsWith(scope.slice(0, digits));
};

/** Where a place lies relative to a scope, by hand (for measuring the generator). */
const relationByHand = (place: string, scope: string): ScopeRelation => {
  if (insideByHand(place, scope)) return "inside";
  if (place.slice(0, 6) !== scope.slice(0, 6)) return "other-county";
  if (place.endsWith("000000")) return "county-level";
  return place.slice(0, 9) === scope.slice(0, 9) ? "sibling-village" : "other-township";
};

/** Masks by hand: the characters at the kept positions stay, every other becomes `*`. */
const maskByHand = (value: string, group: "identity" | "phone"): string => {
  const n = value.length;
  const kept = (i: number) =>
    // A foreigner's permanent-residence number (leading 9) keeps only the 9 and the province before the last 4.
    group === "identity" ? n === 18 && (i < (value[0] === "9" ? 3 : 6) || i >= 14) : n > 7 && (i < 3 || i >= n - 4);
  return Array.from(value, (ch, i) => (kept(i) ? ch : "*")).join("");
};

type Segment = string | number;
interface Leaf {
  readonly at: ReadonlyArray<Segment>;
  readonly value: unknown;
}
/** The path of a leaf as the policy names it: its keys, without array indices. */
const pathOf = (leaf: Leaf): string => leaf.at.filter((s) => typeof s === "string").join(".");

/** Every leaf of a value; an empty object or array counts as a leaf. */
const leavesOf = (value: unknown, at: ReadonlyArray<Segment> = []): ReadonlyArray<Leaf> => {
  if (Array.isArray(value)) return value.length === 0 ? [{ at, value: [] }] : value.flatMap((v, i) => leavesOf(v, [...at, i]));
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 && at.length > 0 ? [{ at, value: {} }] : entries.flatMap(([k, v]) => leavesOf(v, [...at, k]));
  }
  return value === undefined ? [] : [{ at, value }];
};

/** Builds a value back from leaves; array elements left without leaves close up. */
const fromLeaves = (leaves: ReadonlyArray<Leaf>): unknown => {
  const root: Record<string, unknown> = {};
  for (const { at, value } of leaves) {
    let node: Record<Segment, unknown> = root;
    at.forEach((segment, i) => {
      if (i === at.length - 1) node[segment] = value;
      else node = (node[segment] ??= typeof at[i + 1] === "number" ? [] : {}) as Record<Segment, unknown>;
    });
  }
  const closeUp = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.filter(() => true).map(closeUp)
      : typeof v === "object" && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, closeUp(x)]))
        : v;
  return closeUp(root);
};

/** What the oracle says `redact` returns: nothing outside the scope, else each field as the table says. */
const expectedRedaction = (record: SupportRecord, ctx: ActorContext): RedactedSupportRecord | undefined => {
  const scope = ctx.actor.scope;
  if (!insideByHand(record.person.jurisdiction, scope) || !insideByHand(record.listing.jurisdiction, scope)) return undefined;
  const shown = leavesOf(record).flatMap((leaf): ReadonlyArray<Leaf> => {
    const path = pathOf(leaf);
    const access = expectedAccess(ctx, path, record.listing.category);
    if (access === "full") return [leaf];
    const group = groupOf(path);
    if (access === "masked" && (group === "identity" || group === "phone")) return [{ ...leaf, value: maskByHand(leaf.value as string, group) }];
    return [];
  });
  return fromLeaves(shown) as RedactedSupportRecord;
};

// ---------------------------------------------------------------------------
// Fixtures. Listings are built here only, by listingOf.
// ---------------------------------------------------------------------------

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

const DETAILS: { readonly [C in SupportCategory]: unknown } = {
  1: { kind: "mental-health", confirmedBy: "health-centre", confirmedOn: "2025-01-03", dangerousnessGrade: 3 },
  2: { kind: "correction", correction: { kind: "released", releasedOn: "2021-06-30", recordedBy: "司法所赵强", recordedOn: "2025-01-03" } },
  3: { kind: "crisis", assessedBy: "王芳", profession: "社工", assessedOn: "2025-01-03", indicators: ["life-setback"] },
  4: {
    kind: "threat",
    threats: [{ kind: "violence", documentedBy: "赵强", documentedOn: "2025-01-03", record: "见附件 1" }],
    unlawfulAct: { foundBy: "police-station", foundOn: "2025-01-03", record: "见附件 2" },
  },
  5: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-03" },
  6: { kind: "residence", householdRegisteredElsewhere: true, registration: "registered", recordedBy: "网格员周丽", recordedOn: "2025-01-03", housing: "出租房", employer: "紫溪茶厂" },
};

/**
 * The states a fixture listing can be in: as opened, and removed with a reason
 * (every field a listing can carry). `listingOf` writes them into the listing.
 */
type FixtureState = "active" | "removed";
const opener = { officerId: "wsy-07", name: "杨医生", unit: "u-wsy", role: "unit-officer", scope: "532301104000" };
const OPENED = { kind: "opened", on: "2025-01-03", actor: opener, nextReviewOn: "2025-04-03" };
const HISTORY: { readonly [S in FixtureState]: ReadonlyArray<unknown> } = {
  active: [OPENED],
  removed: [OPENED, { kind: "removed", on: "2025-03-01", actor: opener, reason: { text: "已迁出本镇" } }],
};

/** A listing of a category in village 532301104201, in the given state, with the category's details. */
const listingOf = (category: SupportCategory, state: FixtureState = "active"): Listing =>
  ({
    id: "l-1",
    person: "p-7",
    jurisdiction: "532301104201",
    category,
    lawfulBasis: "《中华人民共和国精神卫生法》",
    evidence: { text: "卫生院确认", assessedBy: "卫生院", assessedOn: "2025-01-03" },
    responsibleUnit: "u-wsy",
    responsiblePerson: "杨医生",
    basisEndsOn: "2026-01-03",
    history: HISTORY[state],
    details: DETAILS[category],
  }) as unknown as Listing;

const person = {
  id: "p-7",
  name: "李秀英",
  identityNumber: "53230119800101002X",
  jurisdiction: "532301104201",
  contact: { phone: "13812345678" },
} as SupportRecord["person"];

const auditTrail = [{ on: "2025-01-03", officer: "杨医生", unit: "u-wsy", action: "create", fields: ["listing"] }] as unknown as SupportRecord["auditTrail"] & object;

const recordOf = (category: SupportCategory, state?: FixtureState): SupportRecord => ({ person, listing: listingOf(category, state), auditTrail });

const record = recordOf(1);

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

  it("nobody sees a record whose person lives outside their scope, even if the listing is inside", () => {
    const moved = { ...record, person: { ...record.person, jurisdiction: "532301105201" as DivisionCode } };
    expect(redact(moved, health)).toBeUndefined();
  });

  it("an actor that matches no audience sees nothing", () => {
    const withoutGridWorkers: AccessPolicy = {
      ...defaultAccessPolicy,
      audiences: defaultAccessPolicy.audiences.filter((a) => a.code !== "grid-worker"),
    };
    expect(redact(record, ctx("grid-worker", "village-committee"), withoutGridWorkers)).toBeUndefined();
    expect(redact(record, ctx("grid-worker", "village-committee"))).toBeDefined();
  });
});

describe("criminal records", () => {
  const cat2 = recordOf(2);

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
  const removed = recordOf(5, "removed");

  it("shows its days to everyone in scope, and who acted and why only to those who may know why", () => {
    const days = [{ kind: "opened", on: "2025-01-03", nextReviewOn: "2025-04-03" }, { kind: "removed", on: "2025-03-01" }];
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

// ---------------------------------------------------------------------------
// redact against the oracle.
// ---------------------------------------------------------------------------

const CATEGORIES = [1, 2, 3, 4, 5, 6] as const;

/** One actor of every audience, all with the township as their scope. */
const everyAudience: ReadonlyArray<ActorContext> = [
  health,
  police,
  justice,
  ctx("unit-officer", "social-affairs-office"),
  ctx("unit-officer", "natural-resources-office"),
  coordinator,
  ctx("township-leadership", "township-leadership"),
  village,
  ctx("grid-worker", "village-committee"),
  auditor,
];

describe("the oracle", () => {
  it("has a row for every audience of the default policy, and no other", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(defaultAccessPolicy.audiences.map((a) => a.code).sort());
    expect(new Set(everyAudience.map((c) => audienceByHand(c.actor.role, c.unitKind)))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it("knows every field of a record of each category", () => {
    for (const category of CATEGORIES) {
      for (const leaf of leavesOf(recordOf(category, "removed"))) {
        expect(groupOf(pathOf(leaf)), pathOf(leaf)).toBeDefined();
      }
    }
  });
});

describe("redact, audience by category, on a full record", () => {
  it.each(CATEGORIES)("category %s: every audience sees exactly what the table says", (category) => {
    for (const state of ["active", "removed"] as const) {
      const r = recordOf(category, state);
      for (const c of everyAudience) expect(redact(r, c), audienceByHand(c.actor.role, c.unitKind)).toStrictEqual(expectedRedaction(r, c));
    }
  });
});

/** The exact comparison with the oracle runs most; the other properties are implied by it and run fewer. */
const EXACT_RUNS = { numRuns: 200 };
const RUNS = { numRuns: 100 };

describe("redact (properties)", () => {
  test.prop([accessCaseArb()], EXACT_RUNS)("shows exactly what the table says", ({ record: r, ctx: c }) => {
    expect(redact(r, c)).toStrictEqual(expectedRedaction(r, c));
  });

  test.prop([accessCaseArb()], RUNS)("never reveals a field the table denies, nor anything outside the scope", ({ record: r, ctx: c }) => {
    const seen = redact(r, c);
    const inside = insideByHand(r.person.jurisdiction, c.actor.scope) && insideByHand(r.listing.jurisdiction, c.actor.scope);
    if (!inside) expect(seen).toBeUndefined();
    const denied = leavesOf(seen).filter((leaf) => expectedAccess(c, pathOf(leaf), r.listing.category) === "none");
    expect(denied).toEqual([]);
  });

  test.prop([accessCaseArb()], RUNS)("a masked field shows only the kept characters of the value", ({ record: r, ctx: c }) => {
    const original = new Map(leavesOf(r).map((leaf) => [pathOf(leaf), leaf.value]));
    for (const leaf of leavesOf(redact(r, c))) {
      const path = pathOf(leaf);
      if (expectedAccess(c, path, r.listing.category) !== "masked") continue;
      const shown = leaf.value as string;
      const value = original.get(path) as string;
      const keep = path === "person.identityNumber" ? 10 : 7;
      expect(shown).toHaveLength(value.length);
      expect([...shown].filter((ch, i) => ch !== "*" && ch === value[i]).length).toBeLessThanOrEqual(keep);
      expect([...shown].every((ch, i) => ch === "*" || ch === value[i])).toBe(true);
      expect(shown).not.toBe(value);
    }
  });

  test.prop([accessCaseArb()], RUNS)("is idempotent", ({ record: r, ctx: c }) => {
    const once = redact(r, c);
    if (once !== undefined) expect(redact(once, c)).toStrictEqual(once);
  });

  test.prop([accessCaseArb()], RUNS)("widening an actor's scope never hides more", ({ record: r, ctx: c }) => {
    const parent = parentDivision(c.actor.scope);
    if (parent === undefined) return;
    const wider: ActorContext = { ...c, actor: { ...c.actor, scope: parent } };
    const wide = new Set(leavesOf(redact(r, wider)).map((leaf) => JSON.stringify(leaf)));
    const hidden = leavesOf(redact(r, c)).filter((leaf) => !wide.has(JSON.stringify(leaf)));
    expect(hidden).toEqual([]);
  });

  test.prop([fc.constantFrom("13812345678", "0878-1234567", "08781234567")])("phone masks are idempotent", (p) => {
    expect(maskPhoneNumber(maskPhoneNumber(p))).toBe(maskPhoneNumber(p));
  });
});

describe("the access-case generator", () => {
  // Every audience × category pair is checked on full records above; this measures
  // what the properties meet in 400 runs, on a fixed seed.
  it("on a fixed seed, reaches every audience, every category and every scope relation", () => {
    const cases = fc.sample(accessCaseArb(), { numRuns: 400, seed: 2025 }).map(({ record: r, ctx: c }) => ({
      audience: audienceByHand(c.actor.role, c.unitKind),
      category: r.listing.category,
      person: relationByHand(r.person.jurisdiction, c.actor.scope),
      listing: relationByHand(r.listing.jurisdiction, c.actor.scope),
      visible: redact(r, c) !== undefined,
    }));
    const count = (keys: ReadonlyArray<string>) => {
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      return counts;
    };
    const atLeast = (counts: Map<string, number>, keys: ReadonlyArray<string>, min: number) => {
      for (const k of keys) expect(counts.get(k) ?? 0, k).toBeGreaterThanOrEqual(min);
    };
    const audiences = Object.keys(EXPECTED);
    // Every audience, with records it sees and records it does not see.
    atLeast(count(cases.map((c) => `${c.audience} ${c.visible ? "sees" : "does not see"}`)), audiences.flatMap((a) => [`${a} sees`, `${a} does not see`]), 2);
    // Every category, seen.
    atLeast(count(cases.filter((c) => c.visible).map((c) => `category ${c.category}`)), CATEGORIES.map((c) => `category ${c}`), 10);
    // Every relation of the person and of the listing to the actor's scope.
    const relations: ReadonlyArray<ScopeRelation> = ["inside", "sibling-village", "other-township", "county-level", "other-county"];
    for (const of of ["person", "listing"] as const) atLeast(count(cases.map((c) => `${of} ${c[of]}`)), relations.map((r) => `${of} ${r}`), 3);
    // Every audience meets a record hidden by its person's place and one hidden by its listing's.
    const outside = count(cases.flatMap((c) => [
      ...(c.person === "inside" ? [] : [`${c.audience} person outside`]),
      ...(c.listing === "inside" ? [] : [`${c.audience} listing outside`]),
    ]));
    atLeast(outside, audiences.flatMap((a) => [`${a} person outside`, `${a} listing outside`]), 1);
    // About two thirds of the records are visible: the record lies inside exactly when both places do.
    const share = cases.filter((c) => c.visible).length / cases.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.8);
    expect(cases.every((c) => c.visible === (c.person === "inside" && c.listing === "inside"))).toBe(true);
  });
});
