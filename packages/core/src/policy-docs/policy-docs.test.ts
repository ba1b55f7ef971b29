import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { type PolicyConfig, renderPolicyDocs } from "./policy-docs.js";
import { zixiPolicyConfig } from "../presets/zixi/policy-config.js";
import { timeLimitsWith } from "../presets/zixi/time-limits.js";
import { zixiRetention } from "../presets/zixi/retention.js";

const docsRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "docs", "policy");
const byFile = (config: PolicyConfig, lang: "zh" | "en") => new Map(renderPolicyDocs(config, lang).map((d) => [d.file, d.markdown]));

describe.each(["zh", "en"] as const)("the committed %s policy documents", (lang) => {
  test.each(renderPolicyDocs(zixiPolicyConfig, lang).map((d) => [d.file, d.markdown] as const))(
    "%s is what the running configuration renders (regenerate with `pnpm run docs`)",
    (file, markdown) => {
      expect(readFileSync(join(docsRoot, lang, file), "utf8")).toBe(markdown);
    },
  );
});

describe("the documents say what the rules are", () => {
  const zh = byFile(zixiPolicyConfig, "zh");

  test("every grading rule, parameter value and escalator is in the grading page", () => {
    const page = zh.get("grading.md")!;
    for (const rule of zixiPolicyConfig.grading.rules) {
      expect(page).toContain(`\`${rule.id}\``);
      expect(page).toContain(rule.zh);
    }
    for (const p of zixiPolicyConfig.grading.parameters) expect(page).toContain(p.value.toLocaleString("en-US"));
    for (const e of zixiPolicyConfig.grading.escalators) expect(page).toContain(`\`${e.id}\``);
  });

  test("every domain's lead unit and every escalation rule is in the routing page", () => {
    const page = zh.get("routing.md")!;
    for (const m of zixiPolicyConfig.routing.matrix) expect(page).toContain(UnitKinds.label(m.lead));
    for (const e of zixiPolicyConfig.routing.escalations) expect(page).toContain(`\`${e.id}\``);
  });

  test("every phase's dates and every time limit's source are in their pages", () => {
    for (const p of zixiPolicyConfig.campaign.phases) {
      expect(zh.get("campaign.md")).toContain(`| ${p.start} | ${p.end} |`);
    }
    for (const r of zixiPolicyConfig.timeLimits) expect(zh.get("time-limits.md")).toContain(r.source.title.zh);
  });

  test("every audience of the access policy has a row", () => {
    for (const a of zixiPolicyConfig.access.audiences) expect(zh.get("access.md")).toContain(`| ${a.label.zh} |`);
  });

  test("the records page states every category's retention period and the small-cell threshold", () => {
    const county = { ...zixiPolicyConfig, retention: { ...zixiRetention, periods: { ...zixiRetention.periods, 2: { days: 1096, basis: { zh: "社区矫正档案保存三年", en: "kept three years" } } } }, smallCellThreshold: 10 };
    const page = renderPolicyDocs(county, "zh").find((d) => d.file === "records.md")!.markdown;
    expect(page).toContain("| 1096 | 社区矫正档案保存三年 |");
    expect(page).toContain("小于 10 的非零数字");
    expect(page).not.toContain("小于 5 的非零数字");
  });

  test("the index links every page and states what the library refuses to build", () => {
    const index = zh.get("README.md")!;
    for (const file of zh.keys()) if (file !== "README.md") expect(index).toContain(`](${file})`);
    expect(index).toContain("不提供、也不会提供");
  });
});

test("a county's own configuration renders its own rules", () => {
  const grading = {
    ...zixiPolicyConfig.grading,
    version: "county-test.1",
    parameters: zixiPolicyConfig.grading.parameters.map((p) => (p.name === "crowdRedMin" ? { ...p, value: 50 } : p)),
  };
  const page = byFile({ ...zixiPolicyConfig, grading }, "zh").get("grading.md")!;
  expect(page).toContain("`county-test.1`");
  expect(page).toMatch(/`crowdRedMin` \| 50 人/);
  expect(page).toContain(RiskLevels.label("red"));
});

test("the time-limit page says which calendar limits count on, that an uncovered year is refused, and how petition limits count", () => {
  const page = byFile(zixiPolicyConfig, "en").get("time-limits.md")!;
  expect(page).toContain("China's official calendar");
  expect(page).toContain("never falls back to counting weekends only");
  expect(page).toMatch(/refused, naming the missing year/);
  expect(page).toContain("counted in calendar days");
  const local = byFile({ ...zixiPolicyConfig, timeLimits: timeLimitsWith({ petitionDays: "working-days" }) }, "zh").get("time-limits.md")!;
  expect(local).toContain("以工作日计算，不含法定节假日和休息日");
  expect(local).toContain("| 15 个工作日 |");
  expect(local).toContain("不超过 30 个工作日");
});
