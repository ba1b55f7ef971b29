import { type LocalDate, type Sheet, type SheetCell, type Workbook, disputeLedgerColumns, fromEpochDay } from "@tiaojie/core";
import { type SampleTown, sampleTown } from "@tiaojie/core/testing";

// A dispute ledger of any length for the XLSX benchmarks, made row by row as the
// sheet is read (never whole in memory): the ledger's 29 columns, each cell of
// its column's kind (dates, levels with their fills, numbers, yes/no), and
// valid for import into the sample town's ledger, so that one file serves the
// export and the import benchmarks.

/** The town the rows belong to: its villages name and code the rows' 村(社区) and 区划代码. */
export const benchTown: SampleTown = sampleTown(2025, { villages: 5, persons: 0, disputes: 0, listings: 0 });

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
  const village = benchTown.villages[i % benchTown.villages.length]!;
  const resolved = i % 3 === 0;
  return [
    i + 1,
    { date: fromEpochDay(20_089 + (i % 365)) as LocalDate },
    village.name,
    DOMAINS[i % DOMAINS.length]!,
    `张${i % 97}、李${i % 89}`,
    `${SUMMARIES[i % SUMMARIES.length]!}（第 ${i + 1} 件）`,
    LEVELS[i % 4]!,
    "镇司法所",
    `王${i % 13}`,
    resolved ? "组织双方调解，达成协议" : null,
    resolved ? "已化解" : "调解中",
    resolved,
    resolved ? { date: fromEpochDay(20_460 + (i % 30)) as LocalDate } : null,
    i % 10 === 0 ? "-需回访" : null,
    null,
    village.code,
    null,
    null,
    0,
    null,
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
