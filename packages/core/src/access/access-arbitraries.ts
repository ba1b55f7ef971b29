/**
 * fast-check arbitraries for the data-protection policy's tests (not part of the
 * public API): actors drawn from a policy's audiences, support records, and the
 * two placed relative to each other, so that the cases the policy decides
 * (which audience, which category, inside or outside the actor's scope) all occur.
 */
import { fc } from "@fast-check/vitest";
import type { Actor } from "../model/actor.js";
import type { DivisionCode } from "../model/division-code.js";
import type { IdentityNumber } from "../model/identity-number.js";
import type { OfficerId, UnitId } from "../model/ids.js";
import type { Person } from "../model/person.js";
import type { PhoneNumber } from "../model/primitives.js";
import type { Listing } from "../support/listing.js";
import { listingArb } from "../support/support-arbitraries.js";
import { arbitraries } from "../testing/arbitraries.js";
import { UnitKinds, type UnitKind } from "../taxonomy/unit-kinds.js";
import { type AccessPolicy, type Audience, defaultAccessPolicy } from "./access-policy.js";
import type { ActorContext } from "./actor-context.js";
import type { SupportAuditEntry, SupportRecord } from "./support-record.js";

const code = (s: string) => s as DivisionCode;

/**
 * The places the access tests use: one county with two townships of two or three
 * villages each, and a village of another county.
 */
export const places = {
  county: code("532301000000"),
  townships: {
    "532301104000": [code("532301104201"), code("532301104202"), code("532301104203")],
    "532301105000": [code("532301105201"), code("532301105202")],
  } as Readonly<Record<string, ReadonlyArray<DivisionCode>>>,
  otherCounty: code("532322100201"),
} as const;

const townshipCodes = Object.keys(places.townships).map(code);
const villagesOf = (township: DivisionCode): ReadonlyArray<DivisionCode> => places.townships[township]!;
const allVillages = townshipCodes.flatMap(villagesOf);
const townshipOf = (village: DivisionCode): DivisionCode => code(`${village.slice(0, 9)}000`);

/** How far up an actor's scope reaches. */
export type ScopeLevel = "village" | "township" | "county";

/**
 * Where a place lies relative to an actor's scope: inside it; in another village
 * of the scope's township; in a village of another township of the county; at
 * the county itself (a record kept at county level); in another county.
 */
export type ScopeRelation = "inside" | "sibling-village" | "other-township" | "county-level" | "other-county";

/** The relations a scope of each level can have to a place (inside it, a county-level place is `inside`). */
export const relationsOf: { readonly [L in ScopeLevel]: ReadonlyArray<ScopeRelation> } = {
  village: ["inside", "sibling-village", "other-township", "county-level", "other-county"],
  township: ["inside", "other-township", "county-level", "other-county"],
  county: ["inside", "other-county"],
};

/** A scope of each level within the county; a village scope, which has the most relations to places, half the time. */
export const scopeArb: fc.Arbitrary<{ readonly level: ScopeLevel; readonly scope: DivisionCode }> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...allVillages).map((scope) => ({ level: "village" as const, scope })) },
  { weight: 1, arbitrary: fc.constantFrom(...townshipCodes).map((scope) => ({ level: "township" as const, scope })) },
  { weight: 1, arbitrary: fc.constant({ level: "county" as const, scope: places.county }) },
);

/** A place in the given relation to a scope of the given level. */
export const placeArb = (level: ScopeLevel, scope: DivisionCode, relation: ScopeRelation): fc.Arbitrary<DivisionCode> => {
  switch (relation) {
    case "inside":
      // The scope itself, or a village within it.
      return level === "village"
        ? fc.constant(scope)
        : fc.constantFrom(scope, ...(level === "township" ? villagesOf(scope) : allVillages));
    case "sibling-village":
      return fc.constantFrom(...villagesOf(townshipOf(scope)).filter((v) => v !== scope));
    case "other-township": {
      const own = level === "village" ? townshipOf(scope) : scope;
      return fc.constantFrom(...townshipCodes.filter((t) => t !== own).flatMap(villagesOf));
    }
    case "county-level":
      return fc.constant(places.county);
    case "other-county":
      return fc.constant(places.otherCounty);
  }
};

/**
 * The unit kinds of the actors an audience stands for: its own `unitKinds`, or
 * when it names none, every kind that no earlier audience of the same role claims
 * (the policy gives an actor the first audience that matches).
 */
export const unitKindsOf = (audience: Audience, policy: AccessPolicy = defaultAccessPolicy): ReadonlyArray<UnitKind> => {
  if (audience.unitKinds !== undefined) return audience.unitKinds;
  const earlier = policy.audiences.slice(0, policy.audiences.indexOf(audience));
  const claimed = new Set(earlier.filter((a) => a.role === audience.role).flatMap((a) => a.unitKinds ?? UnitKinds.codes));
  return UnitKinds.codes.filter((k) => !claimed.has(k));
};

const officerArb = fc.record({
  officerId: fc.constantFrom("zx-0001", "zx-0002", "zx-0003").map((s) => s as OfficerId),
  name: fc.constantFrom("张明", "刘洋", "何丽"),
  unit: fc.constantFrom("u-1", "u-2").map((s) => s as UnitId),
});

/**
 * An actor of one of the policy's audiences (each audience equally likely), with
 * that audience's role and one of its unit kinds, and a scope of any level.
 */
export const audienceActorArb = (policy: AccessPolicy = defaultAccessPolicy): fc.Arbitrary<ActorContext & { readonly level: ScopeLevel }> =>
  fc.oneof(
    ...policy.audiences
      .filter((a) => unitKindsOf(a, policy).length > 0)
      .map((audience) =>
        fc.record({ officer: officerArb, unitKind: fc.constantFrom(...unitKindsOf(audience, policy)), at: scopeArb }).map(
          ({ officer, unitKind, at }) => ({
            actor: { ...officer, role: audience.role, scope: at.scope } as Actor,
            unitKind,
            level: at.level,
          }),
        ),
      ),
  );

/** The public arbitrary of identity numbers. */
export const identityNumberArb: fc.Arbitrary<IdentityNumber> = arbitraries.IdentityNumber as fc.Arbitrary<IdentityNumber>;

/** The public arbitrary of phone numbers (mobile and landline). */
export const phoneArb: fc.Arbitrary<PhoneNumber> = arbitraries.PhoneNumber as fc.Arbitrary<PhoneNumber>;

const auditEntryArb: fc.Arbitrary<SupportAuditEntry> = fc.record({
  on: fc.constant("2025-01-06" as SupportAuditEntry["on"]),
  officer: fc.constantFrom("张明", "刘洋"),
  unit: fc.constant("u-1" as UnitId),
  action: fc.constantFrom("read", "create", "update", "review", "remove", "export"),
  fields: fc.subarray(["listing.details", "person.name", "listing.history"]),
});

/** A field the policy does not classify, as a careless caller might add one: never shown. */
const strayNote = fc.option(fc.constant({ note: "备注：无" }), { nil: undefined, freq: 8 });

const recordParts = fc.record(
  {
    listing: listingArb(),
    identityNumber: identityNumberArb,
    contact: fc.oneof({ weight: 5, arbitrary: phoneArb.map((phone) => ({ phone })) }, { weight: 1, arbitrary: fc.constant({}) }),
    auditTrail: fc.array(auditEntryArb, { maxLength: 3 }),
    personNote: strayNote,
    listingNote: strayNote,
  },
  { requiredKeys: ["listing", "personNote", "listingNote"] },
);

/**
 * A support record: a listing of any category at `listingAt`, its person living at
 * `personAt`, with or without an identity number, a phone (or an empty contact),
 * an audit trail, and now and then a field the policy does not know.
 */
export const supportRecordArb = (
  personAt: fc.Arbitrary<DivisionCode> = fc.constantFrom(...allVillages),
  listingAt: fc.Arbitrary<DivisionCode> = personAt,
): fc.Arbitrary<SupportRecord> =>
  fc.tuple(recordParts, personAt, listingAt).map(([{ listing, identityNumber, contact, auditTrail, personNote, listingNote }, pj, lj]) => {
    const person = {
      id: listing.person,
      name: "李秀英",
      jurisdiction: pj,
      ...(identityNumber ? { identityNumber } : {}),
      ...(contact ? { contact } : {}),
      ...personNote,
    } as Person;
    const placed = { ...listing, jurisdiction: lj, ...listingNote } as Listing;
    return { person, listing: placed, ...(auditTrail ? { auditTrail } : {}) };
  });

/** An actor and a record, with the person and the listing each placed in some relation to the actor's scope. */
export interface AccessCase {
  readonly ctx: ActorContext;
  readonly record: SupportRecord;
}

/**
 * An actor of one of the policy's audiences and a support record. Two times in
 * three the person and the listing both lie inside the actor's scope (so the
 * fields are decided one by one); otherwise each is placed in any relation to the
 * scope that its level allows, independently of the other.
 */
export const accessCaseArb = (policy: AccessPolicy = defaultAccessPolicy): fc.Arbitrary<AccessCase> => {
  // Built once per level; inside `chain` only places are drawn.
  const relationsAt = Object.fromEntries(
    (Object.keys(relationsOf) as Array<ScopeLevel>).map((level) => {
      const any = fc.constantFrom(...relationsOf[level]);
      return [
        level,
        fc.oneof(
          { weight: 2, arbitrary: fc.constant(["inside", "inside"] as const) },
          { weight: 1, arbitrary: fc.tuple(any, any) },
        ),
      ];
    }),
  ) as Record<ScopeLevel, fc.Arbitrary<readonly [ScopeRelation, ScopeRelation]>>;
  return audienceActorArb(policy).chain(({ level, ...ctx }) =>
    relationsAt[level].chain(([personRelation, listingRelation]) =>
      supportRecordArb(placeArb(level, ctx.actor.scope, personRelation), placeArb(level, ctx.actor.scope, listingRelation)).map(
        (record) => ({ ctx, record }),
      ),
    ),
  );
};
