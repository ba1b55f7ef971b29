import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The channels through which a dispute is resolved: settlement between the parties,
 * the three kinds of mediation, and the linkages of mediation with the court, the
 * procuratorate and the police.
 *
 * @example
 * ```ts
 * import { ResolutionChannels } from "@tiaojie/core";
 *
 * ResolutionChannels.label("people-mediation"); // "人民调解"
 * ```
 * @since 0.1.0
 */
export const ResolutionChannels = defineTaxonomy({ zh: "化解途径", en: "resolution channel" }, [
  { code: "settlement", zh: "自愿和解", en: "voluntary settlement" },
  { code: "people-mediation", zh: "人民调解", en: "people's mediation" },
  { code: "administrative-mediation", zh: "行政调解", en: "administrative mediation" },
  { code: "judicial-mediation", zh: "司法调解", en: "judicial mediation" },
  { code: "court-linkage", zh: "诉调对接", en: "mediation linked with the court" },
  { code: "procuratorate-linkage", zh: "检调对接", en: "mediation linked with the procuratorate" },
  { code: "police-linkage", zh: "警调对接", en: "mediation linked with the police" },
] as const);

/** A resolution channel code. @since 0.1.0 */
export type ResolutionChannel = (typeof ResolutionChannels.codes)[number];
