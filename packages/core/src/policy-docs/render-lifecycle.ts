import { caseLifecycleMermaid } from "../lifecycle/lifecycle-diagram.js";
import type { CaseFieldName, CaseTransition } from "../lifecycle/case-transitions.js";
import { ActorRoles } from "../taxonomy/actor-roles.js";
import { CaseStatuses } from "../taxonomy/case-statuses.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, list, page, pick, say, table } from "./markdown.js";

const FIELDS: Readonly<Record<CaseFieldName, readonly [string, string]>> = {
  reason: ["理由", "reason"],
  properChannel: ["应走的途径", "proper channel"],
  leadUnit: ["牵头单位", "lead unit"],
  responsiblePerson: ["包保责任人", "responsible person"],
  channel: ["化解途径", "channel"],
  outcome: ["化解结果", "outcome"],
  referredTo: ["移送去向", "referred to"],
  escalatedTo: ["上报单位", "escalated to"],
  note: ["记录", "note"],
};

/** The case lifecycle as a policy page: a diagram and the table of transitions. */
export const renderLifecycle = (transitions: ReadonlyArray<CaseTransition>, lang: Lang): string =>
  page([
    `# ${pick(lang, "案件办理流程", "Case lifecycle")}`,
    bullets([
      pick(lang, "每一步只能由表中列出的角色办理，必须填写所列事项，并产生一条审计记录。", "Each step may be taken only by the roles listed, must fill in the fields listed, and writes one audit event."),
      pick(lang, "不允许的步骤不会改变案件，并返回说明原因的错误。", "A step that is not allowed changes nothing and returns an error saying why."),
      pick(lang, "交办时，牵头单位的类别从单位名录中读取，而不是由办理人填写；上报单位填写单位类别（如市委政法委、县委政法委、上级主管部门）。", "On assignment the lead unit's kind is read from the unit register, not written by the person assigning; an escalation names the kind of body escalated to (such as the city or county political-legal committee, or the higher department in charge)."),
      pick(lang, "信访事项和涉法涉诉纠纷不通过案件交由公安机关牵头、移交或上报公安机关，也不启动警调对接；其中经有权机关认定的违法行为，另行单独移送依法处理，案件本身仍由原单位办理。", "A petition matter or a dispute in legal proceedings is never assigned to a public-security unit as its lead, referred or escalated to public security through its case, nor mediated with police linkage; an unlawful act found in one by the competent authority is referred on its own, and the case stays with its unit."),
    ]),
    "```mermaid\n" + caseLifecycleMermaid(transitions, lang) + "\n```",
    table(
      [pick(lang, "步骤", "step"), pick(lang, "从", "from"), pick(lang, "到", "to"), pick(lang, "可办理的角色", "roles"), pick(lang, "必填事项", "required"), pick(lang, "审计事件", "audit event")],
      transitions.map((t) => [
        say(t.label, lang),
        list(t.from.map((s) => CaseStatuses.label(s, lang)), lang),
        CaseStatuses.label(t.to, lang),
        list(t.roles.map((r) => ActorRoles.label(r, lang)), lang),
        t.requires.length === 0 ? pick(lang, "无", "none") : list(t.requires.map((f) => (lang === "zh" ? FIELDS[f][0] : FIELDS[f][1])), lang),
        `\`${t.event}\``,
      ]),
    ),
  ]);
