import type { Dispute } from "../model/dispute.js";
import type { DivisionCode } from "../model/division-code.js";
import type { DisputeId, ListingId, OfficerId, PersonId, TaskId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { CaseRecord } from "../lifecycle/case-record.js";
import type { GradeDecision } from "../grading/grade-decision.js";
import type { Route } from "../routing/route-dispute.js";
import type { ResolutionMeasure } from "../campaign/ledger-data.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { ResolutionPriority } from "../taxonomy/resolution-priorities.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";

// The rows a LedgerStore keeps. Every row is plain JSON-safe data (strings,
// finite numbers, booleans, arrays and objects of them; no Date, no undefined
// values, no binary), so an adapter can keep a row as one JSON document, as
// columns, or both. The fields named in a collection's `where` are the ones a
// store must be able to filter on; everything else it may keep opaque.

/**
 * What every stored row has: its id (unique within its collection) and its
 * version, 1 when inserted and one more at each update.
 * @since 0.3.0
 */
export interface RowBase {
  readonly id: string;
  readonly version: number;
}

/**
 * A value sealed with AES-256-GCM under a person's data key, as text:
 * `tj1.<data-key id>.<iv>.<ciphertext>.<tag>` with base64url parts. A store keeps
 * it as it is; it cannot read it, and nothing in it is queryable.
 * @since 0.3.0
 */
export type SealedText = string;

/**
 * A person: the parts a store may see (id, division, name) and the sealed rest
 * (identity number and contact, encrypted under the person's data key). After
 * erasure the name and the sealed part are gone and `erasedOn` says when.
 * @since 0.3.0
 */
export interface PersonRow extends RowBase {
  readonly id: PersonId;
  readonly jurisdiction: DivisionCode;
  /** Absent once erased. */
  readonly name?: string;
  /** `{ identityNumber?, contact? }` sealed; absent when the person has neither, or once erased. */
  readonly sealed?: SealedText;
  /** The identity number's blind index: hex HMAC-SHA-256 under the provider's blind-index key. */
  readonly identityIndex?: string;
  readonly registeredOn: LocalDate;
  readonly erasedOn?: LocalDate;
}

/**
 * A person's data key, wrapped (AES-256-GCM) by a key-encryption key. Its id is the
 * person's id. Deleting it is crypto-shredding: every copy of the person's sealed
 * fields becomes unreadable.
 * @since 0.3.0
 */
export interface PersonKeyRow extends RowBase {
  readonly id: PersonId;
  /** The person's division (the key's scope for queries). */
  readonly jurisdiction: DivisionCode;
  /** Which key-encryption key wrapped it. */
  readonly kekId: string;
  /** base64url of iv ‖ ciphertext ‖ tag. */
  readonly wrapped: string;
}

/**
 * A registered dispute with its case record, its grading and its route. The
 * columns before `dispute` are copies of what is inside, kept for the store's
 * filters; the service writes them together, so they always agree.
 * @since 0.3.0
 */
export interface DisputeRow extends RowBase {
  readonly id: DisputeId;
  readonly jurisdiction: DivisionCode;
  /** The township-level division the dispute lies in: its audit chain and reporting unit. */
  readonly township: DivisionCode;
  readonly domain: DisputeDomain;
  readonly reportedOn: LocalDate;
  /** `YYYY-MM` of `reportedOn`. */
  readonly reportedMonth: string;
  readonly status: CaseStatus;
  /** The confirmed level, or the recommended one while no officer has confirmed. */
  readonly level: RiskLevel;
  readonly priority: ResolutionPriority;
  /**
   * Whether an officer has decided the grade. While it is `true`, `level` and
   * `priority` are those of the officer decision that reports count as the
   * dispute's grade: the latest by `decision.decidedOn`, of several on one day
   * the one with the greatest id. While it is `false` there is no decision, and
   * reports count the dispute as ungraded.
   */
  readonly gradeConfirmed: boolean;
  readonly leadUnit?: UnitId;
  /**
   * The last day anything reports read changed for this dispute: the latest of
   * `reportedOn`, the case's registration and the `on` of each event of its
   * history, and the `decidedOn` of each officer grade decision on it (resolution
   * measures do not count). A dispute that is closed (declined, resolved or
   * closed) and settled before a report's period is, all through the period,
   * exactly as it is now, which lets a store count such disputes instead of
   * returning them (`LedgerTransaction.disputeCounts`).
   * @since 0.4.0
   */
  readonly settledOn: LocalDate;
  /** The persons among the parties (their ids), for the retention check. */
  readonly parties: ReadonlyArray<PersonId>;
  readonly dispute: Dispute;
  readonly case: CaseRecord;
  readonly grading: GradingSummary;
  readonly route: Route;
  readonly measures: ReadonlyArray<ResolutionMeasure>;
}

/**
 * What the rules recommended when the dispute was registered (or last regraded):
 * the table's version, the level, the priority and the rules and escalators that
 * produced them.
 * @since 0.3.0
 */
export interface GradingSummary {
  readonly tableVersion: string;
  readonly on: LocalDate;
  readonly level: RiskLevel;
  readonly priority: ResolutionPriority;
  readonly prioritySetBy?: string;
  readonly firedRules: ReadonlyArray<string>;
  readonly escalators: ReadonlyArray<string>;
  readonly tasks: ReadonlyArray<string>;
}

/**
 * An officer's decision on a dispute's grade (confirmation or override).
 * @since 0.3.0
 */
export interface GradeRow extends RowBase {
  readonly dispute: DisputeId;
  readonly jurisdiction: DivisionCode;
  readonly decision: GradeDecision;
  readonly prioritySetBy?: string;
}

/**
 * A support listing. Everything that says why a person is listed (category,
 * lawful basis, evidence, details, history) is sealed under the person's data key;
 * the store sees only whom it concerns, where, who leads, and when it closed.
 * @since 0.3.0
 */
export interface ListingRow extends RowBase {
  readonly id: ListingId;
  readonly person: PersonId;
  readonly jurisdiction: DivisionCode;
  readonly responsibleUnit: UnitId;
  /** The day it ended, was removed or lapsed; absent while it holds. */
  readonly closedOn?: LocalDate;
  /** The whole listing, sealed. */
  readonly sealed: SealedText;
}

/**
 * A task of the ledger: one created by grading (such as crisis intervention for a
 * dispute) or a support measure recorded as done for a listing. What a task is
 * about is sealed when it concerns a listed person.
 * @since 0.3.0
 */
export interface TaskRow extends RowBase {
  readonly id: TaskId;
  readonly kind: "grading" | "support-completion";
  readonly jurisdiction: DivisionCode;
  readonly unit?: UnitId;
  readonly dispute?: DisputeId;
  readonly listing?: ListingId;
  readonly person?: PersonId;
  readonly dueOn?: LocalDate;
  readonly doneOn?: LocalDate;
  /** For a grading task: the task's id in the grading table, its kind and precedence. */
  readonly detail?: { readonly rule: string; readonly kind: string; readonly precedence: string };
  /** For a completion: `{ measure, on }` sealed under the person's data key. */
  readonly sealed?: SealedText;
}

/**
 * A reporting unit's submission for one deadline occurrence.
 * @since 0.3.0
 */
export interface SubmissionRow extends RowBase {
  readonly unit: UnitId;
  readonly jurisdiction: DivisionCode;
  /** The deadline occurrence's key, `id@due`. */
  readonly deadline: string;
  readonly submittedAt: number;
}

/**
 * A safety hazard at a place (a school gate without barriers, a clinic entrance):
 * nothing about persons.
 * @since 0.3.0
 */
export interface HazardRow extends RowBase {
  readonly jurisdiction: DivisionCode;
  readonly place: string;
  readonly hazard: string;
  readonly responsibleUnit: UnitId;
  readonly foundOn: LocalDate;
  readonly deadline: LocalDate;
  readonly status: "open" | "fixed";
  readonly fixedOn?: LocalDate;
  readonly measure?: string;
}

/**
 * The first result of a registration made with an idempotency key. Its id is the
 * key as the service scopes it (`<use case>:<unit>:<key>`).
 * @since 0.3.0
 */
export interface IdempotencyRow extends RowBase {
  readonly useCase: string;
  /** SHA-256 (hex) of the canonical input, so a reused key with other input is refused. */
  readonly fingerprint: string;
  /** The JSON-safe result returned the first time. */
  readonly result: unknown;
  readonly at: number;
}

/**
 * What an audit event is about.
 * @since 0.3.0
 */
export type AuditEntityKind = "dispute" | "person" | "listing" | "task" | "grade" | "submission" | "hazard" | "report" | "ledger";

/**
 * One audit event as stored: who did what to which record, which fields it
 * touched, for which purpose, and its place in its chain. It never holds the
 * plaintext of a sensitive value: fields are named, values appear only as stored
 * (sealed).
 *
 * `hash = SHA-256(prev ‖ seq ‖ canonical bytes of the event without hash)`, hex;
 * `prev` is the previous event's hash, or 64 zeros for the first.
 * @since 0.3.0
 */
export interface AuditEventRow {
  readonly id: string;
  /** The chain (jurisdiction partition): a township-level code, or `ledger` for ledger-wide events. */
  readonly chain: string;
  /** 1 for the chain's first event, then one more each time. */
  readonly seq: number;
  readonly at: number;
  readonly actor: { readonly officerId: OfficerId; readonly unit: UnitId; readonly role: ActorRole };
  readonly action: string;
  readonly entity: { readonly kind: AuditEntityKind; readonly id: string };
  readonly fields: ReadonlyArray<string>;
  readonly purpose?: string;
  readonly outcome: "done" | "refused";
  /** A short machine-readable note: the use case, a refusal's code, a record's new version. */
  readonly note?: Readonly<Record<string, string | number | boolean>>;
  readonly prev: string;
  readonly hash: string;
}
