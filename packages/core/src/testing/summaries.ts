import type { DisputeDomain } from "../taxonomy/dispute-domains.js";

/**
 * A summary template: a text with `{}` where one of the fillers goes, or a text
 * alone.
 *
 * @example
 * ```ts
 * const template: SummaryTemplate = ["因{}发生争执", ["宅基地界址", "排水沟走向"]];
 * ```
 * @since 0.1.0
 * @internal
 */
export type SummaryTemplate = readonly [text: string, fillers?: ReadonlyArray<string>];

/**
 * Summary templates per dispute domain, written the way a village mediator notes a
 * case in the ledger: what happened, between whom (never by name), and where it
 * stands. Petition matters are described neutrally, as requests to be answered.
 *
 * @example
 * ```ts
 * SUMMARY_TEMPLATES.neighbourhood[0]; // ["邻里两户因{}问题发生争执，多次协商未果", [...]]
 * ```
 * @since 0.1.0
 * @internal
 */
export const SUMMARY_TEMPLATES: Readonly<Record<DisputeDomain, ReadonlyArray<SummaryTemplate>>> = {
  neighbourhood: [
    ["邻里两户因{}问题发生争执，多次协商未果", ["宅基地界址", "围墙修建", "排水沟走向", "房屋滴水", "公共通道通行", "院坝使用", "化粪池选址", "树木遮挡采光"]],
    ["{}，双方发生口角，请求村委会出面调解", ["一方建房占用过道", "一方养狗夜间吠叫影响休息", "一方放养家禽损毁菜地", "一方堆放柴草堵塞通道", "一方修建猪圈离对方住房过近"]],
    ["相邻{}因灌溉用水先后顺序产生矛盾", ["两户", "三户", "几户村民"]],
    ["{}砍伐地界边树木，引发邻里纠纷", ["一方未经协商", "村民擅自"]],
    ["邻居之间因{}互不相让，矛盾持续", ["生活琐事", "牲畜走失", "鸡鸭啄食庄稼", "孩子打闹受伤"]],
  ],
  "marriage-family": [
    ["夫妻因{}长期不和，一方提出离婚", ["家庭开支", "一方长期外出务工", "一方沉迷赌博", "性格不合", "照顾老人"]],
    ["{}对老人赡养费用的分担意见不一", ["兄弟三人", "兄妹两人", "子女四人"]],
    ["婚约解除后，双方就{}返还问题发生争议", ["彩礼", "订婚礼金", "首饰"]],
    ["兄弟之间因{}分割产生矛盾", ["父母遗留房屋", "老宅基地", "承包地", "家庭积蓄"]],
    ["离婚后双方就{}问题协商不成", ["子女抚养", "抚养费给付", "探望子女", "共同债务承担"]],
    ["婆媳之间因{}发生争吵，家庭关系紧张", ["家务分担", "照看孩子", "生活习惯不同"]],
  ],
  "economic-financial": [
    ["村民之间{}到期未还，双方对金额有争议", ["民间借贷", "个人借款", "合伙垫资"]],
    ["合伙经营{}散伙后，因账目结算发生纠纷", ["养殖场", "烤烟种植", "农家乐", "小卖部", "货运车辆"]],
    ["购买{}后发现质量问题，与经销商协商赔偿未果", ["化肥", "种子", "农药", "农用机械"]],
    ["为他人贷款提供担保后借款人逾期，担保人被要求还款"],
    ["{}买卖合同履行中因价款结算发生争议", ["核桃", "蔬菜", "生猪", "烤烟", "木材"]],
  ],
  "unpaid-debts-wages": [
    ["{}完工后，施工方拖欠务工人员工资", ["民房建设项目", "村道硬化工程", "农田水利工程", "厂房建设工程"]],
    ["务工人员在{}务工，工资长期未结清", ["果园", "蔬菜基地", "砖厂", "采石场", "养殖场"]],
    ["个人借款多年未还，债权人多次催讨无果"],
    ["{}欠付材料款，供货方要求结清", ["包工头", "施工队", "装修队"]],
    ["雇请{}后拒付工钱，双方发生争执", ["短工采摘", "临时帮工", "运输车辆"]],
  ],
  "land-requisition": [
    ["{}征地补偿款分配方案，村民小组内部意见不一", ["高速公路建设", "水库建设", "工业园区建设", "铁路建设"]],
    ["对{}补偿标准有异议，要求重新核定", ["果树", "坟墓迁移", "房屋", "青苗"]],
    ["拆迁安置房{}问题引发争议", ["分配顺序", "面积认定", "交房延期"]],
    ["征收土地面积测量结果与农户自报面积不一致"],
  ],
  medical: [
    ["患者在{}就诊后病情加重，家属要求赔偿", ["村卫生室", "镇卫生院", "个体诊所"]],
    ["对{}费用报销有异议，与医疗机构发生争执", ["住院", "门诊", "慢性病"]],
    ["家属认为{}存在过错，要求医疗机构说明情况", ["用药", "诊断", "转诊"]],
    ["个体诊所注射后出现不良反应，双方就赔偿协商不成"],
  ],
  "forest-land": [
    ["两个村民小组因{}权属不清发生争议", ["山林界线", "集体林地", "荒山", "草场"]],
    ["村民之间因{}界址发生争执", ["承包地", "自留山", "林地", "田埂"]],
    ["{}流转合同到期后，双方就续租和租金发生纠纷", ["土地", "林地", "果园"]],
    ["一方在争议林地内{}，另一方阻止", ["采伐林木", "种植核桃", "修建便道", "放牧"]],
    ["承包地确权登记面积与实际不符引发争议"],
  ],
  "in-legal-proceedings": [
    ["{}案件已判决，当事人对执行进度有意见", ["民间借贷", "交通事故赔偿", "劳务合同", "离婚"]],
    ["当事人对{}结果不服，正在依法申请再审或起诉", ["一审判决", "二审判决", "劳动仲裁"]],
    ["交通事故赔偿案件已诉至法院，双方在诉讼中申请调解"],
    ["{}纠纷已立案，法院委派诉前调解", ["买卖合同", "借款", "房屋租赁", "人身损害赔偿"]],
  ],
  petition: [
    ["反映{}问题，请求有关部门答复", ["低保评定", "农村危房改造补助", "宅基地审批", "医疗救助", "养老保险缴费年限", "退役军人待遇"]],
    ["来信反映{}，希望依法处理", ["村务公开不及时", "集体资金使用情况", "惠农补贴发放"]],
    ["信访人对{}的答复意见不满意，申请复查", ["县级部门", "镇人民政府"]],
  ],
  other: [
    ["{}引发纠纷", ["道路交通事故赔偿", "宠物咬伤赔偿", "家畜误食农药赔偿", "房屋租赁押金退还", "网购商品退货"]],
    ["学生在校期间{}，家长之间发生争执", ["打闹受伤", "财物损坏"]],
    ["{}，当事人请求调解", ["车辆刮擦", "酒后口角", "集市摊位占用"]],
  ],
};

/**
 * Summary templates for land-requisition disputes over unpaid compensation for a
 * completed major project: the case the plan escalates to the city
 * political-legal committee.
 *
 * @example
 * ```ts
 * expandTemplates(UNPAID_COMPENSATION_TEMPLATES).length > 0; // true
 * ```
 * @since 0.1.0
 * @internal
 */
export const UNPAID_COMPENSATION_TEMPLATES: ReadonlyArray<SummaryTemplate> = [
  ["已建成{}项目的征地补偿款尚未兑付，群众多次反映", ["高速公路", "水库", "输变电", "工业园区"]],
  ["{}项目完工多年，部分农户征地补偿款仍未到位", ["铁路", "高速公路", "城镇道路"]],
];

/**
 * Every text the templates give: each template with each of its fillers.
 *
 * @example
 * ```ts
 * expandTemplates([["因{}发生争执", ["甲", "乙"]]]); // ["因甲发生争执", "因乙发生争执"]
 * ```
 * @since 0.1.0
 * @internal
 */
export const expandTemplates = (templates: ReadonlyArray<SummaryTemplate>): ReadonlyArray<string> =>
  templates.flatMap(([text, fillers]) => (fillers ? fillers.map((filler) => text.replace("{}", filler)) : [text]));
