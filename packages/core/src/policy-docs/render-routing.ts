import { gradingFact } from "../grading/grading-facts.js";
import type { RouteAction, RouteCondition, RoutingConfig } from "../routing/routing-config.js";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { ResolutionChannels } from "../taxonomy/resolution-channels.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { publicSecurityChannels, publicSecurityExcludedDomains, publicSecurityUnitKinds } from "../routing/public-security.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, list, page, pick, say, table } from "./markdown.js";

const factName = (fact: string, lang: Lang): string => {
  const known = gradingFact(fact as never);
  return known ? say(known, lang) : fact;
};

const OPS: Readonly<Record<string, readonly [string, string]>> = {
  ">=": ["≥", "≥"],
  ">": [">", ">"],
  "<=": ["≤", "≤"],
  "<": ["<", "<"],
  "==": ["=", "="],
  "!=": ["≠", "≠"],
};

/** A routing condition in words. */
const describe = (c: RouteCondition, lang: Lang): string => {
  switch (c.op) {
    case "domain":
      return pick(lang, "领域为", "domain is ") + list(c.in.map((d) => DisputeDomains.label(d, lang)), lang);
    case "level":
      return pick(lang, `等级不低于${RiskLevels.label(c.atLeast, "zh")}`, `level at least ${RiskLevels.label(c.atLeast, "en")}`);
    case "is":
      return factName(c.fact, lang);
    case "all":
    case "any":
      return c.of.map((inner) => `（${describe(inner, lang)}）`).join(c.op === "all" ? pick(lang, " 且 ", " and ") : pick(lang, " 或 ", " or "));
    case "not":
      return pick(lang, `非（${describe(c.of, "zh")}）`, `not (${describe(c.of, "en")})`);
    default: {
      const [zh, en] = OPS[c.op] ?? [c.op, c.op];
      return `${factName(c.fact, lang)} ${lang === "zh" ? zh : en} ${c.than.toLocaleString("en-US")}`;
    }
  }
};

const WITHIN = {
  "same-day": ["当日", "the same day"],
  "next-day": ["次日", "the next day"],
  "three-days": ["三日内", "within three days"],
} as const;

/** A routing action in words. */
const action = (a: RouteAction, lang: Lang): string => {
  switch (a.kind) {
    case "lead":
      return pick(lang, `由${UnitKinds.label(a.unit, "zh")}牵头`, `led by the ${UnitKinds.label(a.unit, "en")}`);
    case "cooperate":
      return pick(lang, "配合：", "with: ") + list(a.units.map((u) => UnitKinds.label(u, lang)), lang);
    case "escalate":
      return pick(lang, `上报${UnitKinds.label(a.to, "zh")}`, `escalated to the ${UnitKinds.label(a.to, "en")}`);
    case "linkage":
      return pick(lang, `启动${ResolutionChannels.label(a.channel, "zh")}`, `${ResolutionChannels.label(a.channel, "en")}`);
    case "assign-responsible-person":
      return pick(lang, "明确包保责任人", "a named person is made responsible");
    case "inform-court-route":
      return pick(lang, "告知当事人可依法向人民法院起诉", "the parties are told they may go to court");
    case "report": {
      const [zh, en] = WITHIN[a.within];
      return pick(lang, `${zh}报告${UnitKinds.label(a.to, "zh")}`, `reported to the ${UnitKinds.label(a.to, "en")} ${en}`);
    }
  }
};

/** The routing configuration as a policy page: the matrix, then the escalation rules. */
export const renderRouting = (routing: RoutingConfig, lang: Lang): string =>
  page([
    `# ${pick(lang, "分流交办规则", "Routing rules")}`,
    `${say(routing, lang)}（${pick(lang, "版本", "version")} \`${routing.version}\`${routing.county ? `，${pick(lang, "县级区划", "county")} ${routing.county}` : ""}）`,
    bullets([
      pick(lang, "谁主管谁负责：每个纠纷领域由其主管单位牵头，配合单位协同。", "The unit in charge of a domain leads its disputes (谁主管谁负责), with the cooperating units."),
      pick(lang, "下列升级规则按顺序全部检查，成立的都适用；每一条分流结果都写明依据的规则。", "Every escalation rule below is checked in order and each that holds applies; every route names the rules it comes from."),
      pick(lang, "没有列入下表的领域，由平安法治办统筹。", "A domain missing from the table goes to the peace and rule-of-law office, which coordinates."),
      pick(
        lang,
        `${list(publicSecurityUnitKinds.map((u) => UnitKinds.label(u, "zh")), "zh")}（公安机关）不牵头、不配合、不接受上报、不接收报告${list(publicSecurityExcludedDomains.map((d) => DisputeDomains.label(d, "zh")), "zh")}，也不启动${list(publicSecurityChannels.map((c) => ResolutionChannels.label(c, "zh")), "zh")}：分流配置这样写的，检查时拒绝，分流时不予适用。其中经有权机关认定的违法行为，另行单独移送依法处理，信访事项或案件本身不移送。`,
        `Public security (${list(publicSecurityUnitKinds.map((u) => UnitKinds.label(u, "en")), "en")}) never leads or cooperates on disputes of the domains ${list(publicSecurityExcludedDomains.map((d) => `"${DisputeDomains.label(d, "en")}"`), "en")}; they are never escalated or reported to it, and ${list(publicSecurityChannels.map((c) => ResolutionChannels.label(c, "en")), "en")} is not used for them: a configuration that says otherwise is refused by the check and not applied by routing. An unlawful act found in one by the competent authority is referred on its own; the petition or the case itself is not.`,
      ),
    ]),
    `## ${pick(lang, "主管单位", "Lead units by domain")}`,
    table(
      [pick(lang, "领域", "domain"), pick(lang, "牵头单位", "lead"), pick(lang, "配合单位", "cooperating"), pick(lang, "说明", "note")],
      routing.matrix.map((m) => [
        DisputeDomains.label(m.domain, lang),
        UnitKinds.label(m.lead, lang),
        list(m.cooperating.map((u) => UnitKinds.label(u, lang)), lang),
        say(m, lang),
      ]),
    ),
    `## ${pick(lang, "升级和特别分流规则", "Escalation rules")}`,
    table(
      [pick(lang, "编号", "id"), pick(lang, "条件", "when"), pick(lang, "处置", "then"), pick(lang, "依据", "basis")],
      routing.escalations.map((e) => [
        `\`${e.id}\``,
        describe(e.when, lang),
        e.then.map((a) => action(a, lang)).join(pick(lang, "；", "; ")),
        e.basis ? say(e.basis, lang) : say(e, lang),
      ]),
    ),
  ]);
