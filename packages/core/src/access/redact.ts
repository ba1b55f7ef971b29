import { maskIdentityShape } from "../model/identity-number.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { audienceAccess, audienceOf, fieldRuleOf, isInScope } from "./access-decisions.js";
import { type AccessPolicy, defaultAccessPolicy } from "./access-policy.js";
import type { ActorContext } from "./actor-context.js";
import type { RedactedSupportRecord } from "./support-record.js";

/**
 * Masks a phone number for display: the first 3 and the last 4 characters stay,
 * those between become `*`. Applying it twice changes nothing.
 *
 * @example
 * ```ts
 * import { maskPhoneNumber } from "@tiaojie/core";
 *
 * maskPhoneNumber("13812345678"); // "138****5678"
 * ```
 * @since 0.1.0
 */
export const maskPhoneNumber = (phone: string): string =>
  phone.length <= 7 ? "*".repeat(phone.length) : `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;

const DROP = Symbol("drop");

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A record as an actor may see it under the policy, or `undefined` when the record
 * lies outside the actor's jurisdiction scope (or states no jurisdiction) or the
 * actor matches no audience of the policy. Fields
 * the actor may not read are left out; identity and phone numbers the actor may
 * read only masked are masked. Fields the policy does not classify are left out.
 * Applying it to its own output changes nothing, and widening the actor's scope
 * never hides more.
 *
 * @example
 * ```ts
 * import { redact } from "@tiaojie/core";
 *
 * const seen = redact({ person, listing }, { actor, unitKind: "village-committee" });
 * // { person: { id, name, jurisdiction, identityNumber: "532301********123X" },
 * //   listing: { id, person, jurisdiction, responsibleUnit, responsiblePerson,
 * //     history: [{ kind, on, nextReviewOn }, …] } }: the events' days, not their actors or reasons
 * ```
 * @since 0.1.0
 */
export const redact = (
  record: RedactedSupportRecord,
  ctx: ActorContext,
  policy: AccessPolicy = defaultAccessPolicy,
): RedactedSupportRecord | undefined => {
  const places = [record.listing?.jurisdiction, record.person?.jurisdiction];
  const known = places.filter((p) => p !== undefined);
  if (known.length === 0 || !known.every((p) => isInScope(ctx, p))) return undefined;
  const audience = audienceOf(ctx, policy);
  if (!audience) return undefined;
  const category = record.listing?.category as SupportCategory | undefined;

  const walk = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) {
      const kept = value.map((v) => walk(v, path)).filter((v) => v !== DROP);
      if (value.length === 0) return audienceAccess(audience, path, category, policy) === "none" ? DROP : [];
      return kept.length === 0 ? DROP : kept;
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      const keys = Object.keys(value);
      for (const key of keys) {
        const v = walk(value[key], path === "" ? key : `${path}.${key}`);
        if (v !== DROP) out[key] = v;
      }
      if (keys.length === 0) return path !== "" && audienceAccess(audience, path, category, policy) === "none" ? DROP : {};
      return Object.keys(out).length === 0 && path !== "" ? DROP : out;
    }
    if (value === undefined) return DROP;
    const access = audienceAccess(audience, path, category, policy);
    if (access === "full") return value;
    if (access === "none" || typeof value !== "string") return DROP;
    const mask = fieldRuleOf(path, policy)?.mask;
    return mask === "identity-number" ? maskIdentityShape(value) : mask === "phone-number" ? maskPhoneNumber(value) : DROP;
  };

  return walk(record, "") as RedactedSupportRecord;
};
