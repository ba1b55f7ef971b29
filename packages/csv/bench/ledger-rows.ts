import { type LocalDate, type Sheet, type SheetCell, type Workbook, disputeLedgerColumns, fromEpochDay } from "@tiaojie/core";

// A dispute ledger of any length, made row by row as the sheet is read (never
// whole in memory), the same rows for the exporter and its baseline: the
// ledger's 26 columns, with the commas, quotes, line breaks and formula starts
// real summaries have.

const VILLAGES = ["龙潭村", "溪口社区", "大坝村", "凤鸣村", "新街社区"];
const DOMAINS = ["邻里关系", "婚恋家庭", "山林土地", "欠资欠薪", "征地拆迁"];
const LEVELS = [
  { level: "red", label: "重大（红色）" },
  { level: "orange", label: "较大（橙色）" },
  { level: "yellow", label: "一般（黄色）" },
  { level: "blue", label: "轻微（蓝色）" },
] as const;
const SUMMARIES = [
  "两户因宅基地滴水檐界线发生争执，双方情绪较激动，村调委会已介入调解",
  "务工人员反映工程款拖欠，涉及 12 人、金额 8.6 万元，\"包工头\"失联",
  "=因山林承包合同到期，续包价格未谈妥，双方各执一词",
  "夫妻因赡养老人问题多次争吵,\n女方已回娘家居住",
];

export const ledgerRow = (i: number): ReadonlyArray<SheetCell> => {
  const day = fromEpochDay(20_089 + (i % 365)) as LocalDate;
  const resolved = i % 3 === 0;
  return [
    i + 1,
    { date: day },
    VILLAGES[i % VILLAGES.length]!,
    DOMAINS[i % DOMAINS.length]!,
    `张${i % 97}、李${i % 89}`,
    SUMMARIES[i % SUMMARIES.length]!,
    LEVELS[i % 4]!,
    "镇司法所",
    `王${i % 13}`,
    resolved ? "组织双方调解，达成协议" : null,
    resolved ? "已化解" : "调解中",
    resolved,
    resolved ? { date: fromEpochDay(20_100 + (i % 365)) as LocalDate } : null,
    i % 10 === 0 ? "-需回访" : null,
    `d-${String(i).padStart(8, "0")}`,
    "532301104201",
    "常规",
    2 + (i % 5),
    (i % 7) * 1_000,
    false,
    false,
    i % 11 === 0,
    i % 4,
    i % 3,
    false,
    false,
  ];
};

export function* ledgerRows(count: number): Generator<ReadonlyArray<SheetCell>> {
  for (let i = 0; i < count; i += 1) yield ledgerRow(i);
}

export const ledgerWorkbookOf = (count: number): Workbook => {
  const sheet: Sheet = { name: { zh: "矛盾纠纷排查化解台账", en: "Dispute ledger" }, columns: disputeLedgerColumns, rows: ledgerRows(count) };
  return { dataset: "disputes", title: sheet.name, sheets: [sheet] };
};
