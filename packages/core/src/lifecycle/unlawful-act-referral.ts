import { Data, Schema } from "effect";
import { Actor } from "../model/actor.js";
import { EventId, PersonId } from "../model/ids.js";
import { LocalDate } from "../model/local-date.js";
import { Text } from "../model/primitives.js";
import { UnlawfulAct } from "../support/support-facts.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { type Bilingual, bilingualMessage } from "../validation/bilingual.js";
import { decode } from "../validation/decode.js";
import type { Result } from "../validation/result.js";
import type { ValidationError } from "../validation/validation-error.js";

const UnlawfulActReferralFields = Schema.Struct({
  id: EventId,
  kind: Schema.Literal("unlawful-act.referred"),
  person: PersonId,
  act: UnlawfulAct,
  to: UnitKinds.schema,
  referredBy: Actor,
  referredOn: LocalDate,
  reason: Text(500),
});

/**
 * The documented referral of an unlawful act for handling under the law (依法处理):
 * the act as the competent authority found it (who, when, the record), the
 * person it concerns, the unit kind it goes to, who referred it, when and why.
 *
 * It is the only way the library refers anything about a person to public
 * security from a petition matter or a dispute in legal proceedings, and it
 * carries the act alone: no case, no domain, no petition facts. The matter
 * itself is not referred; its case stays with the unit handling it. Decoding
 * refuses a referral dated before the act was found.
 *
 * @example
 * ```ts
 * import { decode, UnlawfulActReferral } from "@tiaojie/core";
 *
 * decode(UnlawfulActReferral, stored).ok;
 * ```
 * @since 0.2.0
 */
export const UnlawfulActReferral = UnlawfulActReferralFields.pipe(
  Schema.filter((r) => r.act.foundOn <= r.referredOn, {
    ...bilingualMessage("只有经认定的违法行为才能移送：认定日期晚于移送日期", "only an act already found can be referred: it was found after the day of the referral"),
    jsonSchema: {},
  }),
  Schema.annotations({ identifier: "UnlawfulActReferral", description: "违法行为移送 / referral of an unlawful act" }),
);
/** @since 0.2.0 */
export interface UnlawfulActReferral extends Schema.Schema.Type<typeof UnlawfulActReferral> {}
/** The JSON form of an {@link UnlawfulActReferral}. @since 0.2.0 */
export interface UnlawfulActReferralJson extends Schema.Schema.Encoded<typeof UnlawfulActReferral> {}

/**
 * The roles that may refer an unlawful act: the peace and rule-of-law office,
 * which leads the work with petitioners, and the township leadership.
 *
 * @example
 * ```ts
 * import { unlawfulActReferralRoles } from "@tiaojie/core";
 *
 * unlawfulActReferralRoles.includes("grid-worker"); // false
 * ```
 * @since 0.2.0
 */
export const unlawfulActReferralRoles: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership"];

/**
 * The act is dated after the referral: only an act the competent authority has
 * already found can be referred.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "UnlawfulActNotYetFound") r.error.foundOn;
 * ```
 * @since 0.2.0
 */
export class UnlawfulActNotYetFound extends Data.TaggedError("UnlawfulActNotYetFound")<{
  readonly foundOn: LocalDate;
  readonly referredOn: LocalDate;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return {
      zh: "只有经认定的违法行为才能移送：认定日期晚于移送日期",
      en: "only an act already found can be referred: it was found after the day of the referral",
    };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * The actor's role may not refer an unlawful act.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "ReferralRoleNotAllowed") r.error.allowed;
 * ```
 * @since 0.2.0
 */
export class ReferralRoleNotAllowed extends Data.TaggedError("ReferralRoleNotAllowed")<{
  readonly role: ActorRole;
  readonly allowed: ReadonlyArray<ActorRole>;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `角色“${this.role}”无权移送违法行为`, en: `role "${this.role}" may not refer an unlawful act` };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A value of the referral its schema rejects (a blank reason, an act without a
 * record …).
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "InvalidUnlawfulActReferral") r.error.error.issues;
 * ```
 * @since 0.2.0
 */
export class InvalidUnlawfulActReferral extends Data.TaggedError("InvalidUnlawfulActReferral")<{
  readonly error: ValidationError;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "移送信息不符合要求", en: "the referral's values are invalid" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * Why {@link referUnlawfulAct} refused.
 *
 * @example
 * ```ts
 * const explain = (e: UnlawfulActReferralError) => e.text.zh;
 * ```
 * @since 0.2.0
 */
export type UnlawfulActReferralError = UnlawfulActNotYetFound | ReferralRoleNotAllowed | InvalidUnlawfulActReferral;

/**
 * What {@link referUnlawfulAct} needs.
 *
 * @example
 * ```ts
 * const input: UnlawfulActReferralInput = {
 *   id: "e-ua-1" as EventId, person: "p-0007" as PersonId, act: facts.unlawfulAct!, to: "police-station",
 *   actor: coordinator, on: "2025-03-06" as LocalDate, reason: "经认定的治安违法行为，移交依法处理",
 * };
 * ```
 * @since 0.2.0
 */
export interface UnlawfulActReferralInput {
  /** The id of the audit event to write. */
  readonly id: EventId;
  readonly person: PersonId;
  /** The act as the competent authority found it. */
  readonly act: UnlawfulAct;
  /** The unit kind that handles it (usually the police station). */
  readonly to: UnlawfulActReferral["to"];
  readonly actor: Actor;
  readonly on: LocalDate;
  readonly reason: string;
}

/**
 * Refers an unlawful act, as such, for handling under the law: the lawful way for
 * public security to hear of an act found in the course of a petition matter or
 * a dispute in legal proceedings, whose case is never referred to it
 * ({@link PublicSecurityExcluded}). Checks that the actor's role may refer
 * ({@link unlawfulActReferralRoles}), that the act was found on or before the
 * day of the referral, and that every value is valid; returns the referral (an
 * audit record of its own), or a typed error. The case, if there is one, is not
 * touched and not named.
 *
 * @example
 * ```ts
 * import { referUnlawfulAct } from "@tiaojie/core";
 *
 * const r = referUnlawfulAct({
 *   id: "e-ua-1" as EventId, person: "p-0007" as PersonId, to: "police-station",
 *   act: { foundBy: "police-station", foundOn: "2025-03-05" as LocalDate, record: "治安案件 2025-11" },
 *   actor: coordinator, on: "2025-03-06" as LocalDate, reason: "经认定的违法行为，移交依法处理",
 * });
 * if (r.ok) save(r.value);
 * ```
 * @since 0.2.0
 */
export const referUnlawfulAct = (input: UnlawfulActReferralInput): Result<UnlawfulActReferral, UnlawfulActReferralError> => {
  if (!unlawfulActReferralRoles.includes(input.actor.role))
    return { ok: false, error: new ReferralRoleNotAllowed({ role: input.actor.role, allowed: unlawfulActReferralRoles }) };
  const checked = decode(UnlawfulActReferralFields, {
    id: input.id,
    kind: "unlawful-act.referred",
    person: input.person,
    act: input.act,
    to: input.to,
    referredBy: input.actor,
    referredOn: input.on,
    reason: input.reason,
  });
  if (!checked.ok) return { ok: false, error: new InvalidUnlawfulActReferral({ error: checked.error }) };
  if (checked.value.act.foundOn > checked.value.referredOn)
    return { ok: false, error: new UnlawfulActNotYetFound({ foundOn: checked.value.act.foundOn, referredOn: checked.value.referredOn }) };
  return { ok: true, value: checked.value };
};
