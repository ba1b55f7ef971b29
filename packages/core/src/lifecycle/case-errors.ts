import { Data } from "effect";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { DisputeId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { ValidationError } from "../validation/validation-error.js";
import type { CaseFieldName, CaseTransitionName } from "./case-transitions.js";

/**
 * The transition cannot be made from the case's status (or is unknown).
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "TransitionNotAllowed") r.error.from;
 * ```
 * @since 0.1.0
 */
export class TransitionNotAllowed extends Data.TaggedError("TransitionNotAllowed")<{
  readonly case: DisputeId;
  readonly transition: string;
  readonly from: CaseStatus;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `案件状态为“${this.from}”时不能执行“${this.transition}”`, en: `"${this.transition}" is not allowed from "${this.from}"` };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * The actor's role may not make this transition.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "RoleNotAllowed") r.error.allowed;
 * ```
 * @since 0.1.0
 */
export class RoleNotAllowed extends Data.TaggedError("RoleNotAllowed")<{
  readonly case: DisputeId;
  readonly transition: CaseTransitionName | "register";
  readonly role: ActorRole;
  readonly allowed: ReadonlyArray<ActorRole>;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `角色“${this.role}”无权执行“${this.transition}”`, en: `role "${this.role}" may not make "${this.transition}"` };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * Required fields of the transition are missing or blank.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "MissingCaseFields") r.error.fields; // e.g. ["reason"]
 * ```
 * @since 0.1.0
 */
export class MissingCaseFields extends Data.TaggedError("MissingCaseFields")<{
  readonly case: DisputeId;
  readonly transition: CaseTransitionName;
  readonly fields: ReadonlyArray<CaseFieldName>;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `缺少必填信息：${this.fields.join("、")}`, en: `required fields missing: ${this.fields.join(", ")}` };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A field has a value its schema rejects (an unknown channel, a blank name …).
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "InvalidCaseFields") r.error.error.issues;
 * ```
 * @since 0.1.0
 */
export class InvalidCaseFields extends Data.TaggedError("InvalidCaseFields")<{
  readonly case: DisputeId;
  readonly transition: CaseTransitionName | "register";
  readonly error: ValidationError;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "流转信息不符合要求", en: "the transition's fields are invalid" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * The transition is dated before the case's last event: history is append-only.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "EventOutOfOrder") r.error.last;
 * ```
 * @since 0.1.0
 */
export class EventOutOfOrder extends Data.TaggedError("EventOutOfOrder")<{
  readonly case: DisputeId;
  readonly on: LocalDate;
  readonly last: LocalDate;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `日期 ${this.on} 早于上一次记录 ${this.last}`, en: `${this.on} is before the last event, ${this.last}` };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A transition that would bring public security into a petition matter or a
 * dispute in legal proceedings through its case: a lead unit of a
 * public-security kind (`leadUnit`, whose kind the unit register gives), a
 * referral to public security (`referredTo: "public-security"`), an escalation
 * to a public-security unit kind (`escalatedTo`) or mediation linked with the
 * police (`channel: "police-linkage"`). The unit kinds that count as public
 * security are {@link publicSecurityUnitKinds}. An unlawful act found in the
 * course of such a matter is referred on its own, with {@link referUnlawfulAct};
 * the case itself stays where it is.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "PublicSecurityExcluded") console.log(r.error.field, r.error.text.zh);
 * ```
 * @since 0.2.0
 */
export class PublicSecurityExcluded extends Data.TaggedError("PublicSecurityExcluded")<{
  readonly case: DisputeId;
  readonly transition: CaseTransitionName;
  readonly domain: DisputeDomain;
  /** The field that would bring public security in (`leadUnit` and `escalatedTo` since they name a unit kind). */
  readonly field: "leadUnit" | "referredTo" | "escalatedTo" | "channel";
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return {
      zh: `${DisputeDomains.label(this.domain, "zh")}不通过案件交由公安机关牵头、移交或上报公安机关，也不启动警调对接；经认定的违法行为另行移送`,
      en: `a dispute of the domain "${DisputeDomains.label(this.domain, "en")}" is never led by, referred or escalated to, or linked with public security through its case; an unlawful act that has been found is referred on its own`,
    };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * The lead unit of an assignment is not in the unit register passed with the
 * request (or no register was passed), so the lifecycle cannot tell its kind.
 * Pass the units the case may be assigned to as
 * {@link CaseTransitionRequest}`.units`.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "UnknownLeadUnit") console.log(r.error.text.zh);
 * ```
 * @since 0.2.0
 */
export class UnknownLeadUnit extends Data.TaggedError("UnknownLeadUnit")<{
  readonly case: DisputeId;
  readonly transition: CaseTransitionName;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return {
      zh: "牵头单位不在所附单位名录中，无法确定其单位类别",
      en: "the lead unit is not in the unit register given with the request, so its kind is unknown",
    };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * Why a transition was refused. Each is an Effect `Data.TaggedError`: plain code
 * reads `_tag` and `text`; Effect code can `Effect.fail` it and `catchTag`.
 *
 * @example
 * ```ts
 * const explain = (e: CaseTransitionError) => e.text.zh;
 * ```
 * @since 0.1.0
 */
export type CaseTransitionError =
  | TransitionNotAllowed
  | RoleNotAllowed
  | MissingCaseFields
  | InvalidCaseFields
  | EventOutOfOrder
  | UnknownLeadUnit
  | PublicSecurityExcluded;
