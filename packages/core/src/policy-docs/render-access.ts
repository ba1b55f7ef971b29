import type { AccessPolicy } from "../access/access-policy.js";
import { ReadAccessLevels, SensitivityClasses } from "../access/sensitivity-classes.js";
import { SupportCategories } from "../taxonomy/support-categories.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, list, page, pick, say, table } from "./markdown.js";

/** The data-protection policy as a policy page: who sees what, field by field. */
export const renderAccess = (policy: AccessPolicy, lang: Lang): string =>
  page([
    `# ${pick(lang, "个人信息保护与查阅权限", "Data protection and access")}`,
    `${say(policy.name, lang)}（${pick(lang, "版本", "version")} \`${policy.version}\`）`,
    bullets([
      pick(lang, "按需知悉：每个角色只看到其工作需要的信息；辖区范围以外的记录一律不可见。", "Need to know: each role sees only what its work needs; nothing outside the actor's jurisdiction is shown."),
      pick(lang, "健康信息、违法犯罪记录和身份证件号码属于敏感个人信息（《个人信息保护法》），加密存储，每次查阅和修改都留痕。", "Health data, criminal records and identity numbers are sensitive personal information under the Personal Information Protection Law: encrypted at rest, every read and write audited."),
      pick(lang, "“脱敏”指公民身份号码只显示地址码（前 6 位）和后四位，外国人永久居留身份证号码只显示前 3 位（首位 9 和省份代码，不显示国籍代码）和后四位，电话号码只显示前三位和后四位。", "'Masked' shows a citizen identity number's region code (first 6 digits) and last four characters, a foreigner's permanent-residence number's first 3 (the 9 and the province, not the nationality) and last four, a phone number's first three and last four digits."),
    ]),
    `## ${pick(lang, "各角色可见程度", "What each audience sees")}`,
    table(
      [pick(lang, "角色", "audience"), ...SensitivityClasses.codes.map((c) => SensitivityClasses.label(c, lang)), pick(lang, "审计记录", "audit trail"), pick(lang, "可修改", "may write")],
      policy.audiences.map((a) => [
        say(a.label, lang),
        ...SensitivityClasses.codes.map((c) => ReadAccessLevels.label(a.read[c], lang)),
        a.auditTrail === "full" ? pick(lang, "可查阅", "reads") : pick(lang, "不可查阅", "no"),
        a.write.length === 0 ? pick(lang, "无", "nothing") : list(a.write.map((c) => SensitivityClasses.label(c, lang)), lang),
      ]),
    ),
    `## ${pick(lang, "例外授权", "Field-level grants")}`,
    table(
      [pick(lang, "角色", "audience"), pick(lang, "字段", "field"), pick(lang, "可见程度", "access"), pick(lang, "说明", "note")],
      policy.audiences.flatMap((a) => a.grants.map((g) => [say(a.label, lang), `\`${g.path}\``, ReadAccessLevels.label(g.access, lang), say(g.note, lang)])),
    ),
    `## ${pick(lang, "字段分级", "Field classes")}`,
    table(
      [pick(lang, "字段", "field"), pick(lang, "级别", "class"), pick(lang, "说明", "meaning")],
      policy.fields.map((f) => [
        `\`${f.path}\``,
        f.class === "by-category"
          ? pick(lang, "随列管类别", "by category")
          : f.class === "audit-trail"
            ? pick(lang, "审计信息", "audit trail")
            : SensitivityClasses.label(f.class, lang),
        say(f.description, lang),
      ]),
    ),
    `## ${pick(lang, "列管“原因”的级别随类别而定", "The class of a listing's 'why' follows its category")}`,
    table(
      [pick(lang, "类别", "category"), pick(lang, "级别", "class")],
      SupportCategories.codes.map((c) => [`${c} ${SupportCategories.label(c, lang)}`, SensitivityClasses.label(policy.categoryClasses[c], lang)]),
    ),
  ]);
