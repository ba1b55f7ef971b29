/**
 * fast-check arbitraries for the data-protection policy's tests (not part of the
 * public API): actor contexts with a scope, and support records.
 */
import { fc } from "@fast-check/vitest";
import type { Actor } from "../model/actor.js";
import type { DivisionCode } from "../model/division-code.js";
import type { IdentityNumber } from "../model/identity-number.js";
import type { OfficerId, UnitId } from "../model/ids.js";
import type { Person } from "../model/person.js";
import type { PhoneNumber } from "../model/primitives.js";
import { listingArb, villageCodes } from "../support/support-arbitraries.js";
import { arbitraries } from "../testing/arbitraries.js";
import { ActorRoles } from "../taxonomy/actor-roles.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import type { ActorContext } from "./actor-context.js";
import type { SupportAuditEntry, SupportRecord } from "./support-record.js";

const codes = (xs: ReadonlyArray<string>) => xs as ReadonlyArray<DivisionCode>;

/** Scopes from county to village, covering the villages of the listing arbitrary. */
export const scopeArb: fc.Arbitrary<DivisionCode> = fc.constantFrom(
  ...codes(["532301000000", "532301104000", "532301105000"]),
  ...villageCodes,
);

export const actorContextArb: fc.Arbitrary<ActorContext> = fc
  .record({
    officerId: fc.constantFrom("zx-0001", "zx-0002", "zx-0003").map((s) => s as OfficerId),
    name: fc.constantFrom("张明", "刘洋", "何丽"),
    unit: fc.constantFrom("u-1", "u-2").map((s) => s as UnitId),
    role: fc.constantFrom(...ActorRoles.codes),
    scope: scopeArb,
    unitKind: fc.constantFrom(...UnitKinds.codes),
  })
  .map(({ unitKind, ...actor }) => ({ actor: actor as Actor, unitKind }));

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

/** A support record: a listing, its person (living where the listing is), maybe an audit trail. */
export const supportRecordArb: fc.Arbitrary<SupportRecord> = listingArb().chain((listing) =>
  fc
    .record(
      {
        identityNumber: identityNumberArb,
        phone: phoneArb,
        auditTrail: fc.array(auditEntryArb, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    )
    .map(({ identityNumber, phone, auditTrail }) => {
      const person: Person = {
        id: listing.person,
        name: "李秀英",
        jurisdiction: listing.jurisdiction,
        ...(identityNumber ? { identityNumber } : {}),
        ...(phone ? { contact: { phone } } : {}),
      };
      return { person, listing, ...(auditTrail ? { auditTrail } : {}) };
    }),
);
