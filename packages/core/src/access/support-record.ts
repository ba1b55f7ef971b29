import type { DivisionCode } from "../model/division-code.js";
import type { UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Person } from "../model/person.js";
import type { Listing } from "../support/listing.js";

/**
 * One line of a record's audit trail as shown to readers: when, who, for which
 * unit, what was done and which fields it touched. It is metadata about the
 * processing, not the record's content.
 *
 * @example
 * ```ts
 * const e: SupportAuditEntry = { on: asOf, officer: "杨医生", unit: unitId, action: "review", fields: ["listing.history"] };
 * ```
 * @since 0.1.0
 */
export interface SupportAuditEntry {
  readonly on: LocalDate;
  readonly officer: string;
  readonly unit: UnitId;
  readonly action: "read" | "create" | "update" | "review" | "remove" | "export";
  readonly fields: ReadonlyArray<string>;
}

/**
 * What the data-protection policy guards: a listing with its person, and the
 * record's audit trail.
 *
 * @example
 * ```ts
 * const record: SupportRecord = { person, listing };
 * ```
 * @since 0.1.0
 */
export interface SupportRecord {
  readonly person: Person;
  readonly listing: Listing;
  readonly auditTrail?: ReadonlyArray<SupportAuditEntry>;
}

type Partial2<T> = T extends string | number | boolean
  ? T
  : T extends ReadonlyArray<infer E>
  ? ReadonlyArray<Partial2<E>>
  : T extends object
    ? { readonly [K in keyof T]?: Partial2<T[K]> }
    : T;

/**
 * A {@link SupportRecord} as an actor sees it: any field may be missing (not
 * visible), and identity and phone numbers may be masked. A whole record is
 * also a redacted record, so {@link redact} can be applied to its own output.
 *
 * @example
 * ```ts
 * const seen: RedactedSupportRecord | undefined = redact(record, ctx);
 * ```
 * @since 0.1.0
 */
export interface RedactedSupportRecord {
  readonly person?: {
    readonly id?: Person["id"];
    readonly name?: string;
    readonly identityNumber?: string;
    readonly jurisdiction?: DivisionCode;
    readonly contact?: { readonly phone?: string };
  };
  readonly listing?: Partial2<Listing>;
  readonly auditTrail?: ReadonlyArray<Partial2<SupportAuditEntry>>;
}
