import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The level of government a petition went to. Recorded as neutral metadata:
 * petitioning is a lawful right and is never a risk factor.
 *
 * @example
 * ```ts
 * import { PetitionLevels } from "@tiaojie/core";
 *
 * PetitionLevels.label("county"); // "县级"
 * ```
 * @since 0.1.0
 */
export const PetitionLevels = defineTaxonomy({ zh: "信访层级", en: "petition level" }, [
  { code: "township", zh: "乡镇级", en: "township" },
  { code: "county", zh: "县级", en: "county" },
  { code: "prefecture", zh: "市（州）级", en: "prefecture" },
  { code: "province", zh: "省级", en: "province" },
  { code: "national", zh: "国家级", en: "national" },
] as const);

/** A petition level code. @since 0.1.0 */
export type PetitionLevel = (typeof PetitionLevels.codes)[number];
