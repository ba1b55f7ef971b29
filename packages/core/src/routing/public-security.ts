import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import type { ResolutionChannel } from "../taxonomy/resolution-channels.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { RouteCondition } from "./routing-config.js";

/**
 * The unit kinds that count as public security (公安机关): of the library's unit
 * kinds, the police station. This is a rule of the library, not a setting: it is
 * not part of any configuration a county can change. These units never lead,
 * cooperate on, are escalated to or receive reports of the domains in
 * {@link publicSecurityExcludedDomains}.
 *
 * @example
 * ```ts
 * import { publicSecurityUnitKinds } from "@tiaojie/core";
 *
 * publicSecurityUnitKinds.includes("police-station"); // true
 * ```
 * @since 0.2.0
 */
export const publicSecurityUnitKinds: ReadonlyArray<UnitKind> = ["police-station"];

/**
 * The resolution channels that bring public security into a dispute: mediation
 * linked with the police (警调对接).
 *
 * @example
 * ```ts
 * import { publicSecurityChannels } from "@tiaojie/core";
 *
 * publicSecurityChannels; // ["police-linkage"]
 * ```
 * @since 0.2.0
 */
export const publicSecurityChannels: ReadonlyArray<ResolutionChannel> = ["police-linkage"];

/**
 * The domains public security never handles: petition matters (信访事项, handled
 * under the Regulation on Petition Work) and disputes in legal proceedings
 * (涉法涉诉, handled by the courts and the justice office). An unlawful act found
 * in the course of one is referred as such, by its own documented referral
 * ({@link referUnlawfulAct}), never by routing or referring the matter itself.
 *
 * @example
 * ```ts
 * import { publicSecurityExcludedDomains } from "@tiaojie/core";
 *
 * publicSecurityExcludedDomains; // ["in-legal-proceedings", "petition"]
 * ```
 * @since 0.2.0
 */
export const publicSecurityExcludedDomains: ReadonlyArray<DisputeDomain> = ["in-legal-proceedings", "petition"];

/** Whether public security is kept off disputes of this domain. @internal */
export const excludesPublicSecurity = (domain: DisputeDomain): boolean => publicSecurityExcludedDomains.includes(domain);

/** Whether a unit kind is public security. @internal */
export const isPublicSecurity = (unit: UnitKind): boolean => publicSecurityUnitKinds.includes(unit);

/** Whether a channel brings in public security. @internal */
export const isPublicSecurityChannel = (channel: ResolutionChannel): boolean => publicSecurityChannels.includes(channel);

/** Whether a condition reads nothing but the dispute's domain. */
const isPureDomain = (c: RouteCondition): boolean => {
  switch (c.op) {
    case "domain": return true;
    case "all":
    case "any": return c.of.every(isPureDomain);
    case "not": return isPureDomain(c.of);
    default: return false;
  }
};

/**
 * The domains for which a routing condition can hold, in taxonomy order: a
 * sound over-approximation (a domain left out is one for which the condition
 * never holds, whatever the level and facts). `domain` gives its list, `all`
 * the intersection, `any` the union, `not` of a condition that reads only the
 * domain its complement; any other condition may hold for every domain.
 *
 * @internal
 */
export const routeConditionDomains = (c: RouteCondition): ReadonlyArray<DisputeDomain> => {
  const all = DisputeDomains.codes;
  switch (c.op) {
    case "domain":
      return all.filter((d) => c.in.includes(d));
    case "all": {
      const parts = c.of.map(routeConditionDomains);
      return all.filter((d) => parts.every((p) => p.includes(d)));
    }
    case "any": {
      const parts = c.of.map(routeConditionDomains);
      return all.filter((d) => parts.some((p) => p.includes(d)));
    }
    case "not": {
      if (!isPureDomain(c.of)) return all;
      const inner = routeConditionDomains(c.of);
      return all.filter((d) => !inner.includes(d));
    }
    default:
      return all;
  }
};
