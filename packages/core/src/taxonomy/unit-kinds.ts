import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The kinds of unit that find, lead or coordinate work on disputes: the eleven
 * township units the Zixi plan names, the village and community committees, the
 * township leadership and governance centre, and the higher bodies to which some
 * matters are escalated: the political-legal committee of the county-level city
 * (Zixi's 市委政法委) or of the county (县委政法委, for a township of a county),
 * and the higher department in charge of the matter (the plan's 上级相关部门 and
 * 市属相关行业部门).
 *
 * @example
 * ```ts
 * import { UnitKinds } from "@tiaojie/core";
 *
 * UnitKinds.label("justice-office", "en"); // "justice office"
 * ```
 * @since 0.1.0
 */
export const UnitKinds = defineTaxonomy({ zh: "单位类别", en: "unit kind" }, [
  { code: "police-station", zh: "派出所", en: "police station" },
  { code: "justice-office", zh: "司法所", en: "justice office" },
  { code: "peace-rule-of-law-office", zh: "平安法治办", en: "peace and rule-of-law office" },
  { code: "economic-development-office", zh: "经济发展办", en: "economic development office" },
  { code: "social-affairs-office", zh: "社会事务办", en: "social affairs office" },
  { code: "party-service-centre", zh: "党群服务中心", en: "party and public service centre" },
  { code: "agriculture-rural-centre", zh: "农业农村发展服务中心", en: "agriculture and rural development centre" },
  { code: "natural-resources-office", zh: "自然资源所", en: "natural resources office" },
  { code: "market-regulation-office", zh: "市场监管所", en: "market regulation office" },
  { code: "central-school", zh: "中心学校", en: "central school" },
  { code: "health-centre", zh: "卫生院", en: "township health centre" },
  { code: "village-committee", zh: "村民委员会", en: "village committee" },
  { code: "community-committee", zh: "社区居民委员会", en: "community residents' committee" },
  { code: "township-leadership", zh: "镇党委、政府", en: "township party committee and government" },
  { code: "governance-centre", zh: "综治中心", en: "comprehensive governance centre" },
  { code: "city-political-legal-committee", zh: "市委政法委", en: "city political-legal committee" },
  { code: "county-political-legal-committee", zh: "县委政法委", en: "county political-legal committee" },
  { code: "higher-department", zh: "上级主管部门", en: "higher department in charge" },
] as const);

/** A unit kind code. @since 0.1.0 */
export type UnitKind = (typeof UnitKinds.codes)[number];
