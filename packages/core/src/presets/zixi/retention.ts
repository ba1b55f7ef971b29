import type { RetentionPeriod, RetentionPolicy } from "../../ledger/retention-policy.js";

const oneYear: RetentionPeriod = {
  days: 365,
  basis: {
    zh: "列管终止后保留一年，供复核、申诉和年度考核查阅，期满删除（《个人信息保护法》第四十七条）",
    en: "kept one year after the listing ends, for reviews, appeals and the annual assessment, then erased (PIPL art. 47)",
  },
};

/**
 * The retention periods of the Zixi preset: one year after a person's last
 * listing closed, for every category. The plan itself names no period; one year
 * covers the review and appeal periods and the annual assessment that read the
 * ledger. A county sets its own with `config.retention`.
 *
 * @example
 * ```ts
 * import { zixiRetention } from "@tiaojie/core";
 *
 * zixiRetention.periods[1].days; // 365
 * ```
 * @since 0.3.0
 */
export const zixiRetention: RetentionPolicy = {
  version: "zixi-2025.1",
  name: { zh: "个人信息保存期限（紫溪预设）", en: "retention periods (Zixi preset)" },
  periods: { 1: oneYear, 2: oneYear, 3: oneYear, 4: oneYear, 5: oneYear, 6: oneYear },
};
