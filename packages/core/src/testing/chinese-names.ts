/**
 * Tables for synthetic Chinese personal names: surnames with rough weights, and
 * given-name characters by sex and by the era of birth (names follow fashions:
 * 秀英 and 建国 are typical of people born in the 1950s, 欣怡 and 浩宇 of the 2000s).
 * The weights are approximate and written for this library; they describe a rural
 * township in central Yunnan, so a few surnames common among the Yi people there
 * (普, 杞, 起, 鲁, 者) are included.
 *
 * @module
 * @internal
 */

/**
 * Surnames with relative weights (per mille, roughly).
 *
 * @example
 * ```ts
 * const table = weighted(SURNAMES);
 * table.draw(random); // "李", more often than "杞"
 * ```
 * @since 0.1.0
 * @internal
 */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ["李", 80], ["王", 60], ["张", 58], ["杨", 50], ["刘", 45], ["陈", 42], ["赵", 25], ["黄", 22],
  ["周", 20], ["吴", 18], ["罗", 24], ["普", 14], ["字", 6], ["鲁", 8], ["起", 6], ["杞", 5],
  ["者", 4], ["自", 4], ["何", 16], ["马", 16], ["徐", 12], ["孙", 10], ["胡", 12], ["朱", 12],
  ["高", 10], ["林", 8], ["郭", 9], ["梁", 8], ["宋", 7], ["郑", 8], ["谢", 8], ["韩", 6],
  ["唐", 8], ["冯", 6], ["董", 7], ["程", 6], ["曹", 6], ["袁", 7], ["邓", 8], ["许", 6],
  ["沈", 4], ["彭", 6], ["吕", 5], ["苏", 6], ["卢", 5], ["蒋", 5], ["蔡", 4], ["丁", 5],
  ["魏", 4], ["叶", 4], ["余", 6], ["潘", 4], ["杜", 5], ["夏", 4], ["钟", 4], ["田", 5],
  ["任", 4], ["姜", 3], ["方", 4], ["石", 6], ["姚", 4], ["谭", 3], ["熊", 4], ["金", 3],
  ["陆", 3], ["孔", 2], ["白", 5], ["毛", 3], ["秦", 3], ["段", 6], ["施", 4], ["龙", 4],
  ["雷", 3], ["钱", 2], ["尹", 4], ["常", 2], ["武", 2], ["赖", 2], ["文", 3], ["查", 2],
];

/**
 * Three eras of birth for name fashions: before 1965, 1965–1984, 1985 and after.
 *
 * @example
 * ```ts
 * eraOf(1972); // 1
 * ```
 * @since 0.1.0
 * @internal
 */
export const eraOf = (birthYear: number): 0 | 1 | 2 => (birthYear < 1965 ? 0 : birthYear < 1985 ? 1 : 2);

/**
 * Given-name characters for men, one string of characters per era (see {@link eraOf}).
 *
 * @example
 * ```ts
 * random.pick([...MALE_GIVEN[eraOf(1958)]!]); // e.g. "国"
 * ```
 * @since 0.1.0
 * @internal
 */
export const MALE_GIVEN: ReadonlyArray<string> = [
  "国建华明志福贵德成忠学文发荣祥春正兴有光金永昌顺海富和生林云开",
  "伟强军勇平波斌刚红涛辉杰东峰松林明华新建亮宏雄进春志云龙",
  "浩宇杰鹏俊涛磊超飞洋鑫宇晨博轩睿阳凯航文豪辰锦泽毅",
];

/**
 * Given-name characters for women, one string of characters per era.
 *
 * @example
 * ```ts
 * random.pick([...FEMALE_GIVEN[eraOf(2001)]!]); // e.g. "欣"
 * ```
 * @since 0.1.0
 * @internal
 */
export const FEMALE_GIVEN: ReadonlyArray<string> = [
  "秀英兰桂珍凤芬玉琼美花翠菊仙梅春香莲芝淑华荣",
  "丽艳红燕萍霞芳敏娟琴静梅玲云娥会丹英群慧",
  "婷欣怡佳颖雪娜倩琳洁瑶雨萱梦涵思悦晶蕾蓉",
];
