import type { Problem } from "../validation/problem.js";
import { type DivisionCode, isWithinDivision } from "../model/division-code.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { type AccessPolicy, type Audience, defaultAccessPolicy, type FieldRule } from "./access-policy.js";
import type { ActorContext } from "./actor-context.js";
import type { ReadAccess, SensitivityClass } from "./sensitivity-classes.js";

/**
 * What a decision about a field needs to know of the record: where it is, and
 * (for a listing's “why” fields) its category. An unknown category is treated as
 * the strictest case: the field is not shown unless a grant names it.
 *
 * @example
 * ```ts
 * const subject: AccessSubject = { jurisdiction: listing.jurisdiction, category: listing.category };
 * ```
 * @since 0.1.0
 */
export interface AccessSubject {
  readonly jurisdiction: DivisionCode;
  readonly category?: SupportCategory;
}

const covers = (prefix: string, path: string): boolean => path === prefix || path.startsWith(`${prefix}.`);

const mostSpecific = <T extends { readonly path: string }>(items: ReadonlyArray<T>, path: string): T | undefined => {
  let best: T | undefined;
  for (const item of items) {
    if (covers(item.path, path) && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
};

/**
 * The audience of an actor under a policy (see {@link AccessPolicy}), or
 * `undefined` when none matches.
 *
 * @example
 * ```ts
 * import { audienceOf } from "@tiaojie/core";
 *
 * audienceOf({ actor, unitKind: "health-centre" })?.code; // "health-centre" for a unit officer
 * ```
 * @since 0.1.0
 */
export const audienceOf = (ctx: ActorContext, policy: AccessPolicy = defaultAccessPolicy): Audience | undefined =>
  policy.audiences.find(
    (a) => a.role === ctx.actor.role && (a.unitKinds === undefined || a.unitKinds.includes(ctx.unitKind)),
  );

/**
 * Whether a division lies within the actor's jurisdiction scope.
 *
 * @example
 * ```ts
 * import { isInScope } from "@tiaojie/core";
 *
 * isInScope(ctx, listing.jurisdiction);
 * ```
 * @since 0.1.0
 */
export const isInScope = (ctx: ActorContext, jurisdiction: DivisionCode): boolean =>
  isWithinDivision(jurisdiction, ctx.actor.scope);

/**
 * The rule that classifies a field path, or `undefined` when none does.
 *
 * @example
 * ```ts
 * import { fieldRuleOf } from "@tiaojie/core";
 *
 * fieldRuleOf("listing.details.dangerousnessGrade")?.path; // "listing.details"
 * ```
 * @since 0.1.0
 */
export const fieldRuleOf = (path: string, policy: AccessPolicy = defaultAccessPolicy): FieldRule | undefined =>
  mostSpecific(policy.fields, path);

/**
 * The sensitivity class of a field of a record of `category`, or `undefined` when
 * the path is not classified, is the audit trail, or depends on an unknown category.
 *
 * @example
 * ```ts
 * import { sensitivityOf } from "@tiaojie/core";
 *
 * sensitivityOf("listing.details", 1); // "sensitive-health"
 * sensitivityOf("person.identityNumber"); // "sensitive-identity"
 * ```
 * @since 0.1.0
 */
export const sensitivityOf = (
  path: string,
  category?: SupportCategory,
  policy: AccessPolicy = defaultAccessPolicy,
): SensitivityClass | undefined => {
  const rule = fieldRuleOf(path, policy);
  if (!rule || rule.class === "audit-trail") return undefined;
  if (rule.class === "by-category") return category === undefined ? undefined : policy.categoryClasses[category];
  return rule.class;
};

/** The access of an audience to a path, scope aside. */
export const audienceAccess = (
  audience: Audience,
  path: string,
  category: SupportCategory | undefined,
  policy: AccessPolicy,
): ReadAccess => {
  const rule = fieldRuleOf(path, policy);
  const grant = mostSpecific(audience.grants, path);
  if (grant && (!rule || grant.path.length >= rule.path.length)) return grant.access;
  if (!rule) return "none";
  if (rule.class === "audit-trail") return audience.auditTrail;
  const cls = sensitivityOf(path, category, policy);
  return cls === undefined ? "none" : audience.read[cls];
};

/**
 * How much of a field an actor may read: `full`, `masked` or `none`. Nothing is
 * readable outside the actor's jurisdiction scope, by an actor matching no
 * audience, or at a path the policy does not classify.
 *
 * @example
 * ```ts
 * import { readAccess } from "@tiaojie/core";
 *
 * readAccess(villageCtx, "person.identityNumber", { jurisdiction: listing.jurisdiction }); // "masked"
 * ```
 * @since 0.1.0
 */
export const readAccess = (
  ctx: ActorContext,
  path: string,
  subject: AccessSubject,
  policy: AccessPolicy = defaultAccessPolicy,
): ReadAccess => {
  if (!isInScope(ctx, subject.jurisdiction)) return "none";
  const audience = audienceOf(ctx, policy);
  return audience ? audienceAccess(audience, path, subject.category, policy) : "none";
};

/**
 * Whether an actor may read a field as stored (unmasked). A masked field is not
 * readable in this sense; see {@link readAccess} for the level.
 *
 * @example
 * ```ts
 * import { canRead } from "@tiaojie/core";
 *
 * canRead(policeCtx, "listing.details.dangerousnessGrade", { jurisdiction, category: 1 }); // true
 * canRead(policeCtx, "listing.details.confirmedOn", { jurisdiction, category: 1 }); // false
 * ```
 * @since 0.1.0
 */
export const canRead = (
  ctx: ActorContext,
  path: string,
  subject: AccessSubject,
  policy: AccessPolicy = defaultAccessPolicy,
): boolean => readAccess(ctx, path, subject, policy) === "full";

/**
 * Whether an actor may write a field: within scope, the field's class is among
 * the audience's `write` classes, and the actor can read the field in full. The
 * audit trail is written by the system, never by an actor.
 *
 * @example
 * ```ts
 * import { canWrite } from "@tiaojie/core";
 *
 * canWrite(healthCtx, "listing.details", { jurisdiction, category: 1 }); // true
 * canWrite(villageCtx, "listing.history", { jurisdiction, category: 1 }); // false
 * ```
 * @since 0.1.0
 */
export const canWrite = (
  ctx: ActorContext,
  path: string,
  subject: AccessSubject,
  policy: AccessPolicy = defaultAccessPolicy,
): boolean => {
  if (!canRead(ctx, path, subject, policy)) return false;
  const audience = audienceOf(ctx, policy);
  const cls = sensitivityOf(path, subject.category, policy);
  return audience !== undefined && cls !== undefined && audience.write.includes(cls);
};

const HEALTH_UNITS = new Set<string>(["health-centre"]);
const CRIMINAL_UNITS = new Set<string>(["justice-office", "police-station"]);
const GRADE_AUDIENCE_UNITS = new Set<string>(["health-centre", "police-station"]);
const GRADE_PATH = "listing.details.dangerousnessGrade";

const onlyUnits = (a: Audience, allowed: ReadonlySet<string>): boolean =>
  a.role === "unit-officer" && a.unitKinds !== undefined && a.unitKinds.length > 0 && a.unitKinds.every((k) => allowed.has(k));

/**
 * What kind of rule a policy breaks, in {@link policyViolations}.
 *
 * @example
 * ```ts
 * import { policyViolations, type PolicyViolationCode } from "@tiaojie/core";
 *
 * const codes: ReadonlyArray<PolicyViolationCode> = policyViolations(policy).map((v) => v.code);
 * ```
 * @since 0.2.0
 */
export type PolicyViolationCode =
  | "category-class"
  | "health-data"
  | "criminal-records"
  | "sensitive-grant"
  | "village-sees-why"
  | "auditor-sees-content"
  | "write-without-read";

/**
 * One rule a policy breaks: its code, where in the policy, and why, in both languages.
 *
 * @example
 * ```ts
 * import { formatPath, policyViolations } from "@tiaojie/core";
 *
 * for (const v of policyViolations(policy)) console.log(v.code, formatPath(v.path), v.zh);
 * ```
 * @since 0.2.0
 */
export interface PolicyViolation extends Problem<PolicyViolationCode> {}

/**
 * Checks a policy against the rules an integrator may tighten but never loosen:
 * health details only to the health centre (the grade alone also to the police
 * station and the peace and rule-of-law office); criminal records only to the
 * justice office and the police station; village committees and grid workers see
 * no “why”; auditors see no content beyond public metadata; nobody writes what
 * they cannot read, and nobody writes the audit trail. Returns the violations,
 * empty when the policy keeps every rule.
 *
 * @example
 * ```ts
 * import { defaultAccessPolicy, policyViolations } from "@tiaojie/core";
 *
 * const mine = { ...defaultAccessPolicy, audiences: defaultAccessPolicy.audiences.filter((a) => a.code !== "grid-worker") };
 * policyViolations(mine); // []
 * ```
 * @since 0.1.0
 */
export const policyViolations = (policy: AccessPolicy): ReadonlyArray<PolicyViolation> => {
  const out: Array<PolicyViolation> = [];
  const byCategory = (cls: SensitivityClass) =>
    (Object.keys(policy.categoryClasses) as Array<`${SupportCategory}`>).some((c) => policy.categoryClasses[Number(c) as SupportCategory] === cls);
  if (policy.categoryClasses[1] !== "sensitive-health") {
    out.push({ code: "category-class", path: ["categoryClasses", 1], zh: "第一类列管事由必须按医疗健康信息保护", en: "category 1 details must be classed as health" });
  }
  if (policy.categoryClasses[2] !== "sensitive-criminal") {
    out.push({ code: "category-class", path: ["categoryClasses", 2], zh: "第二类列管事由必须按违法犯罪记录保护", en: "category 2 details must be classed as criminal records" });
  }
  policy.audiences.forEach((a, ai) => {
    const at = ["audiences", ai] as const;
    const who = `${a.label.zh} / ${a.label.en}`;
    if (a.read["sensitive-health"] !== "none" && !onlyUnits(a, HEALTH_UNITS)) {
      out.push({ code: "health-data", path: [...at, "read", "sensitive-health"], zh: `${who}：医疗健康信息仅限卫生院`, en: `${who}: health details are for the health centre only` });
    }
    if (a.read["sensitive-criminal"] !== "none" && !onlyUnits(a, CRIMINAL_UNITS)) {
      out.push({ code: "criminal-records", path: [...at, "read", "sensitive-criminal"], zh: `${who}：违法犯罪记录仅限司法所、派出所`, en: `${who}: criminal records are for the justice office and police station only` });
    }
    a.grants.forEach((g, gi) => {
      if (g.access === "none") return;
      const classes = new Set<SensitivityClass | undefined>(
        // The grade exists only in category-1 details.
        (g.path === GRADE_PATH ? ([1] as const) : ([1, 2, 3, 4, 5, 6] as const)).map((c) => sensitivityOf(g.path, c, policy)),
      );
      const touchesHealth = classes.has("sensitive-health") && byCategory("sensitive-health");
      const touchesCriminal = classes.has("sensitive-criminal") && byCategory("sensitive-criminal");
      const gradeOk = g.path === GRADE_PATH && (a.role === "coordinator" || onlyUnits(a, GRADE_AUDIENCE_UNITS));
      if ((touchesHealth && !gradeOk && !onlyUnits(a, HEALTH_UNITS)) || (touchesCriminal && !onlyUnits(a, CRIMINAL_UNITS))) {
        out.push({ code: "sensitive-grant", path: [...at, "grants", gi], zh: `${who}：授权 ${g.path} 越过了敏感信息规则`, en: `${who}: the grant on ${g.path} breaks the sensitive-data rules` });
      }
    });
    if (a.role === "village-committee" || a.role === "grid-worker") {
      const seesWhy = ([1, 2, 3, 4, 5, 6] as const).some((c) =>
        ["listing.category", "listing.details", "listing.evidence", "listing.lawfulBasis", "listing.history.actor", "listing.history.reason"].some(
          (p) => audienceAccess(a, p, c, policy) !== "none",
        ),
      );
      if (seesWhy) out.push({ code: "village-sees-why", path: [...at], zh: `${who}：只能知道需要关注和牵头单位，不能知道原因`, en: `${who}: may see that follow-up is needed and who leads, not why` });
    }
    if (a.role === "auditor" && (["personal", "sensitive-health", "sensitive-criminal", "sensitive-identity"] as const).some((c) => a.read[c] !== "none")) {
      out.push({ code: "auditor-sees-content", path: [...at, "read"], zh: `${who}：审计人员只能查看审计记录，不能查看内容`, en: `${who}: auditors see the audit trail, not the content` });
    }
    for (const cls of a.write) {
      if (a.read[cls] !== "full") {
        out.push({ code: "write-without-read", path: [...at, "write"], zh: `${who}：不能写入不可完整查看的 ${cls} 信息`, en: `${who}: cannot write ${cls} data it cannot read in full` });
      }
    }
  });
  return out;
};
