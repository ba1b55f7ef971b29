/**
 * Tables for synthetic place and organisation names in the style of central Yunnan:
 * the county-level divisions of Chuxiong prefecture (real codes of GB/T 2260), and
 * syllables from which township, village and community names are built. A sample
 * town's own name is invented, so it never names a real township.
 *
 * @module
 * @internal
 */

/**
 * A county-level division a sample town can lie in.
 *
 * @example
 * ```ts
 * const entry: CountyEntry = { code: "532301", name: "楚雄市" };
 * ```
 * @since 0.1.0
 * @internal
 */
export interface CountyEntry {
  /** The 6-digit GB/T 2260 code. */
  readonly code: string;
  /** Its name, ending in 市 (a county-level city) or 县. */
  readonly name: string;
}

/**
 * The county-level divisions of Chuxiong Yi Autonomous Prefecture, Yunnan (5323xx).
 *
 * @example
 * ```ts
 * random.pick(COUNTIES).code; // e.g. "532301"
 * ```
 * @since 0.1.0
 * @internal
 */
export const COUNTIES: ReadonlyArray<CountyEntry> = [
  { code: "532301", name: "楚雄市" },
  { code: "532322", name: "双柏县" },
  { code: "532323", name: "牟定县" },
  { code: "532324", name: "南华县" },
  { code: "532325", name: "姚安县" },
  { code: "532326", name: "大姚县" },
  { code: "532327", name: "永仁县" },
  { code: "532328", name: "元谋县" },
  { code: "532329", name: "武定县" },
];

/**
 * First and second syllables of township names (the name gets 镇 appended).
 *
 * @example
 * ```ts
 * random.pick([...TOWN_FIRST]) + random.pick([...TOWN_SECOND]) + "镇"; // e.g. "凤川镇"
 * ```
 * @since 0.1.0
 * @internal
 */
export const TOWN_FIRST = "紫碧苍凤鹿永广富安德兴和太云金青东西南北龙宝吉";
/**
 * Second syllables of township names; see {@link TOWN_FIRST}.
 *
 * @example
 * ```ts
 * TOWN_SECOND.includes("溪"); // true
 * ```
 * @since 0.1.0
 * @internal
 */
export const TOWN_SECOND = "溪川城华阳宁丰山河平源街甸关屯坪江";

/**
 * Optional first syllables of village names: position, size, age.
 *
 * @example
 * ```ts
 * VILLAGE_PREFIX[0]; // "大"
 * ```
 * @since 0.1.0
 * @internal
 */
export const VILLAGE_PREFIX = "大小上下中东西南北新老";
/**
 * Core syllables of village names: plants, animals, colours, features of the land.
 *
 * @example
 * ```ts
 * VILLAGE_CORE + VILLAGE_TAIL; // "龙" + "潭" gives 龙潭
 * ```
 * @since 0.1.0
 * @internal
 */
export const VILLAGE_CORE = "龙松石桃梨竹柏杨李何黄白青清红金银马凤鹿羊云桂栗核麦茶花水沙岩";
/**
 * Final syllables of village names: the kinds of place Yunnan villages are named
 * after (坝 a flat valley, 箐 a wooded gully, 哨 an old guard post, 甸 a meadow).
 *
 * @example
 * ```ts
 * VILLAGE_TAIL.includes("箐"); // true
 * ```
 * @since 0.1.0
 * @internal
 */
export const VILLAGE_TAIL = "潭坝箐甸山营哨铺屯庄河溪冲坡塘田岭湾口园林场寨";

/**
 * Words for company names: two characters make a trade name such as 鑫源 or 宏达.
 *
 * @example
 * ```ts
 * random.pick([...TRADE_FIRST]) + random.pick([...TRADE_SECOND]); // e.g. "恒泰"
 * ```
 * @since 0.1.0
 * @internal
 */
export const TRADE_FIRST = "鑫宏兴盛顺达联恒华昌永金源鼎瑞";
/**
 * Second characters of trade names; see {@link TRADE_FIRST}.
 *
 * @example
 * ```ts
 * TRADE_SECOND.includes("达"); // true
 * ```
 * @since 0.1.0
 * @internal
 */
export const TRADE_SECOND = "源达建发泰通利丰成盛安祥";

/**
 * Kinds of major project whose land requisition leaves disputes behind.
 *
 * @example
 * ```ts
 * `${townBase}${random.pick(MAJOR_PROJECTS)}`; // e.g. "凤川高速公路建设指挥部"
 * ```
 * @since 0.1.0
 * @internal
 */
export const MAJOR_PROJECTS: ReadonlyArray<string> = [
  "高速公路建设指挥部",
  "水库工程建设管理局",
  "工业园区管理委员会",
  "铁路建设项目部",
  "输变电工程项目部",
  "城镇道路改造项目部",
];
