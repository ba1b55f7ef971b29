import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { ReadAccess, SensitivityClass } from "./sensitivity-classes.js";

/**
 * The class of a field: one of the sensitivity classes; `by-category`, for the
 * “why” of a listing, whose class is the listing's category class (health for
 * category 1, criminal for category 2); or `audit-trail`, metadata about the
 * processing that has no content class and is read by the audiences that have
 * `auditTrail` access.
 *
 * @example
 * ```ts
 * defaultAccessPolicy.fields.map((f): FieldClass => f.class);
 * ```
 * @since 0.1.0
 */
export type FieldClass = SensitivityClass | "by-category" | "audit-trail";

/**
 * How a field is classified. A rule covers its path and everything below it; the
 * most specific rule wins. Paths not covered by any rule are never shown.
 *
 * @example
 * ```ts
 * const rule: FieldRule | undefined = fieldRuleOf("person.contact.phone");
 * ```
 * @since 0.1.0
 */
export interface FieldRule {
  /** A dotted path in a {@link SupportRecord}; array elements share their array's path. */
  readonly path: string;
  readonly class: FieldClass;
  /** How the field is shown when access is `masked`; without one, masked means hidden. */
  readonly mask?: "identity-number" | "phone-number";
  readonly description: Bilingual;
}

/**
 * A field-level exception for one audience: a more specific path whose access
 * overrides the class rule (e.g. the dangerousness grade alone for the police).
 *
 * @example
 * ```ts
 * const grant: FieldGrant = { path: "person.name", access: "full", note: { zh: "仅姓名", en: "name only" } };
 * ```
 * @since 0.1.0
 */
export interface FieldGrant {
  readonly path: string;
  readonly access: ReadAccess;
  readonly note: Bilingual;
}

/**
 * Who an audience is (a role, and for unit officers the unit kinds), what each
 * sensitivity class shows it, its field-level grants, whether it reads the audit
 * trail, and which classes it may write.
 *
 * @example
 * ```ts
 * const a: Audience | undefined = audienceOf(ctx);
 * ```
 * @since 0.1.0
 */
export interface Audience {
  readonly code: string;
  readonly label: Bilingual;
  readonly role: ActorRole;
  /** When present, only actors whose unit is of one of these kinds. */
  readonly unitKinds?: ReadonlyArray<UnitKind>;
  readonly read: { readonly [K in SensitivityClass]: ReadAccess };
  readonly grants: ReadonlyArray<FieldGrant>;
  readonly auditTrail: "full" | "none";
  readonly write: ReadonlyArray<SensitivityClass>;
}

/**
 * The data-protection policy: a versioned value that drives {@link redact},
 * {@link canRead} and {@link canWrite}, and renders as a table in the docs. The
 * audience of an actor is the first one in `audiences` whose role matches and
 * whose `unitKinds`, if any, include the actor's unit kind; an actor matching none
 * sees nothing. An integrator tightens it by copying it and lowering entries;
 * {@link policyViolations} checks that the result still keeps the hard rules.
 *
 * @example
 * ```ts
 * const strict: AccessPolicy = { ...defaultAccessPolicy, audiences: defaultAccessPolicy.audiences.filter((a) => a.code !== "grid-worker") };
 * ```
 * @since 0.1.0
 */
export interface AccessPolicy {
  readonly version: string;
  readonly name: Bilingual;
  /** The class of a listing's “why” fields, by category. */
  readonly categoryClasses: { readonly [C in SupportCategory]: SensitivityClass };
  readonly fields: ReadonlyArray<FieldRule>;
  readonly audiences: ReadonlyArray<Audience>;
}

const d = (zh: string, en: string): Bilingual => ({ zh, en });

const GRADE = "listing.details.dangerousnessGrade";
const gradeGrant: FieldGrant = {
  path: GRADE,
  access: "full",
  note: d("仅危险性等级，不含其他健康信息", "the dangerousness grade alone, no other health detail"),
};
const nameGrant: FieldGrant = {
  path: "person.name",
  access: "full",
  note: d("知道需要关注的是谁，不知道原因", "knows who needs follow-up, not why"),
};

const only = (
  pub: ReadAccess,
  personal: ReadAccess,
  health: ReadAccess,
  criminal: ReadAccess,
  identity: ReadAccess,
): Audience["read"] => ({
  public: pub,
  personal,
  "sensitive-health": health,
  "sensitive-criminal": criminal,
  "sensitive-identity": identity,
});

/**
 * The default data-protection policy (Zixi preset), need-to-know:
 *
 * - health details only to the township health centre; the dangerousness grade
 *   alone also to the police station and the peace and rule-of-law office;
 * - criminal-record details only to the justice office and the police station;
 * - a village or community committee, a grid worker and units without a part in
 *   the work see that a person needs follow-up and which unit leads, not why;
 * - an auditor sees the audit trail and the record's public metadata, not its content;
 * - identity and phone numbers in full only to the units whose work needs them
 *   (health centre, police station, justice office, social affairs office),
 *   masked for everyone else; only those units record them (since `zixi-2025.3`:
 *   before it, no audience could write them, so the ledger service could not
 *   register a person with an identity number);
 * - nothing outside the actor's jurisdiction scope.
 *
 * @example
 * ```ts
 * import { defaultAccessPolicy } from "@tiaojie/core";
 *
 * for (const a of defaultAccessPolicy.audiences) console.log(a.label.zh, a.read["sensitive-health"]);
 * ```
 * @since 0.1.0
 */
export const defaultAccessPolicy: AccessPolicy = {
  version: "zixi-2025.3",
  name: d("数据保护策略（紫溪预设）", "data-protection policy (Zixi preset)"),
  categoryClasses: {
    1: "sensitive-health",
    2: "sensitive-criminal",
    3: "personal",
    4: "personal",
    5: "personal",
    6: "personal",
  },
  fields: [
    { path: "person.id", class: "public", description: d("人员编号", "person id") },
    { path: "person.name", class: "personal", description: d("姓名", "name") },
    { path: "person.identityNumber", class: "sensitive-identity", mask: "identity-number", description: d("身份号码", "identity number") },
    { path: "person.jurisdiction", class: "public", description: d("居住地区划", "division of residence") },
    { path: "person.contact", class: "personal", description: d("联系方式", "contact") },
    { path: "person.contact.phone", class: "sensitive-identity", mask: "phone-number", description: d("联系电话", "phone number") },
    { path: "listing.id", class: "public", description: d("列管编号", "listing id") },
    { path: "listing.person", class: "public", description: d("人员编号", "person id") },
    { path: "listing.jurisdiction", class: "public", description: d("所在区划", "division") },
    { path: "listing.responsibleUnit", class: "public", description: d("牵头单位", "lead unit") },
    { path: "listing.responsiblePerson", class: "public", description: d("责任人", "named responsible person") },
    { path: "listing.history", class: "public", description: d("列管记录：开始、复核、失效、终止、撤销及其日期和复核日期", "history: opening, reviews, lapse, end, removal, their days and review dates") },
    { path: "listing.history.actor", class: "by-category", description: d("每条记录的经办人", "who recorded each event") },
    { path: "listing.history.reason", class: "by-category", description: d("失效、终止或撤销的原因", "reason for a lapse, end or removal") },
    { path: "listing.category", class: "by-category", description: d("类别", "category") },
    { path: "listing.lawfulBasis", class: "by-category", description: d("法律依据", "lawful basis") },
    { path: "listing.evidence", class: "by-category", description: d("认定依据材料", "evidence") },
    { path: "listing.basisEndsOn", class: "by-category", description: d("依据期限", "end of the basis period") },
    { path: "listing.details", class: "by-category", description: d("列管事由详情", "details") },
    { path: "auditTrail", class: "audit-trail", description: d("审计记录", "audit trail") },
  ],
  audiences: [
    {
      code: "health-centre",
      label: d("卫生院", "township health centre"),
      role: "unit-officer",
      unitKinds: ["health-centre"],
      read: only("full", "full", "full", "none", "full"),
      grants: [],
      auditTrail: "none",
      write: ["public", "personal", "sensitive-health", "sensitive-identity"],
    },
    {
      code: "police-station",
      label: d("派出所", "police station"),
      role: "unit-officer",
      unitKinds: ["police-station"],
      read: only("full", "full", "none", "full", "full"),
      grants: [gradeGrant],
      auditTrail: "none",
      write: ["public", "personal", "sensitive-identity"],
    },
    {
      code: "justice-office",
      label: d("司法所", "justice office"),
      role: "unit-officer",
      unitKinds: ["justice-office"],
      read: only("full", "full", "none", "full", "full"),
      grants: [],
      auditTrail: "none",
      write: ["public", "personal", "sensitive-criminal", "sensitive-identity"],
    },
    {
      code: "social-affairs-office",
      label: d("社会事务办", "social affairs office"),
      role: "unit-officer",
      unitKinds: ["social-affairs-office"],
      read: only("full", "full", "none", "none", "full"),
      grants: [],
      auditTrail: "none",
      write: ["public", "personal", "sensitive-identity"],
    },
    {
      code: "other-unit",
      label: d("其他部门", "other units"),
      role: "unit-officer",
      read: only("full", "none", "none", "none", "masked"),
      grants: [nameGrant],
      auditTrail: "none",
      write: [],
    },
    {
      code: "coordinator",
      label: d("平安法治办", "peace and rule-of-law office"),
      role: "coordinator",
      read: only("full", "full", "none", "none", "masked"),
      grants: [gradeGrant],
      auditTrail: "none",
      write: ["public", "personal"],
    },
    {
      code: "township-leadership",
      label: d("镇领导", "township leadership"),
      role: "township-leadership",
      read: only("full", "full", "none", "none", "masked"),
      grants: [],
      auditTrail: "none",
      write: [],
    },
    {
      code: "village-committee",
      label: d("村（社区）干部", "village or community committee"),
      role: "village-committee",
      read: only("full", "none", "none", "none", "masked"),
      grants: [nameGrant],
      auditTrail: "none",
      write: [],
    },
    {
      code: "grid-worker",
      label: d("网格员", "grid worker"),
      role: "grid-worker",
      read: only("full", "none", "none", "none", "masked"),
      grants: [nameGrant],
      auditTrail: "none",
      write: [],
    },
    {
      code: "auditor",
      label: d("审计人员", "auditor"),
      role: "auditor",
      read: only("full", "none", "none", "none", "none"),
      grants: [],
      auditTrail: "full",
      write: [],
    },
  ],
};
