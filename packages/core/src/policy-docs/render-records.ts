import type { RetentionPolicy } from "../ledger/retention-policy.js";
import { SupportCategories } from "../taxonomy/support-categories.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, page, pick, say, table } from "./markdown.js";

/**
 * How the ledger keeps records: encryption at rest, the audit trail, the
 * retention periods and erasure, and what a summary for another level withholds.
 */
export const renderRecords = (retention: RetentionPolicy, smallCellThreshold: number, lang: Lang): string =>
  page([
    `# ${pick(lang, "记录的保存、加密、审计与删除", "Keeping, encrypting, auditing and erasing records")}`,
    `## ${pick(lang, "加密保存", "Encryption at rest")}`,
    bullets([
      pick(
        lang,
        "每个人的身份号码、联系电话，以及说明其为何被列管的全部内容（类别、法律依据、认定材料、详情、记录）和帮扶措施的完成记录，都用该人专属的数据密钥加密（AES-256-GCM）后才交给数据库；数据库从不接收这些字段的明文。",
        "Each person's identity number and phone, everything that says why they are listed (category, lawful basis, evidence, details, history) and the records of support measures done are encrypted under that person's own data key (AES-256-GCM) before they reach the database; no store ever receives these fields in plaintext.",
      ),
      pick(lang, "数据密钥再由密钥提供方的主密钥加密保存，并记录主密钥编号；更换主密钥时只重新加密数据密钥，不改动数据本身。", "The data key is itself encrypted by a key-encryption key of the key provider, whose id is stored, so keys rotate by re-wrapping the data keys without touching the data."),
      pick(lang, "身份号码只能按完整号码精确查找（带密钥的 HMAC 盲索引），不能按片段、出生日期或地区查询。", "Identity numbers can be found by the exact, whole number only (a keyed HMAC blind index), never by part, birth date or region."),
    ]),
    `## ${pick(lang, "审计记录", "The audit trail")}`,
    bullets([
      pick(
        lang,
        "每一次修改，以及每一次查看非公开字段，都在同一事务中写入审计记录：谁、何时、对哪条记录、涉及哪些字段、出于什么目的。被拒绝的操作也记录在案。审计记录只写字段名，从不写敏感字段的明文。",
        "Every change, and every read of a non-public field, writes an audit event in the same transaction: who, when, which record, which fields, for which purpose. Refused attempts are recorded too. Audit events name fields and never hold the plaintext of a sensitive value.",
      ),
      pick(
        lang,
        "审计记录按乡镇各成一条哈希链，每条记录的哈希包含上一条的哈希、序号和记录本身，任何一条被修改、删除、插入或调换顺序都能被查出，并指出第一条出问题的记录。",
        "Audit events form one hash chain per township: each event's hash covers the previous hash, its number and the event itself, so any edited, deleted, inserted or reordered event is detected and the first one named.",
      ),
      pick(
        lang,
        "经签名的检查点（Ed25519）记录各链的长度和末条哈希，应保存在数据库之外（如随月报打印、报送县里）；用它核验可以发现整条链被重算改写或被截短。",
        "Signed checkpoints (Ed25519) record each chain's length and last hash and are kept outside the database (printed with the monthly report, sent to the county); verifying against one also detects a chain rewritten as a whole or cut short.",
      ),
    ]),
    `## ${pick(lang, "保存期限与删除", "Retention and erasure")}`,
    `${say(retention.name, lang)}（${pick(lang, "版本", "version")} \`${retention.version}\`）`,
    pick(
      lang,
      "依照《个人信息保护法》第四十七条，处理目的实现后应当删除个人信息。一个人的全部列管均已结束（终止、撤销或失效）且超过下列期限，又不是任何在办纠纷的当事人时，其个人信息即被删除：",
      "Under PIPL art. 47, personal data is erased once the purpose is met. When all of a person's listings have closed (ended, removed or lapsed) more than the period below ago and they are a party to no open dispute, their personal data is erased:",
    ),
    table(
      [pick(lang, "类别", "category"), pick(lang, "期限（天）", "days"), pick(lang, "依据", "basis")],
      SupportCategories.codes.map((c) => [SupportCategories.label(c, lang), String(retention.periods[c].days), say(retention.periods[c].basis, lang)]),
    ),
    bullets([
      pick(lang, "一人有多项列管的，按其中最长的期限，并从最后一项结束之日起算。", "A person with several listings is kept for the longest of their periods, counted from the last listing's close."),
      pick(
        lang,
        "删除采用销毁密钥的方式：销毁该人的数据密钥，其加密信息的所有副本（包括备份）即无法读取；姓名和盲索引一并清除。审计链仍可核验，统计报表中的件数不变。",
        "Erasure destroys the person's data key, so every copy of their encrypted fields, backups included, becomes unreadable; their name and blind index are removed too. The audit chain still verifies and the reports keep their counts.",
      ),
    ]),
    `## ${pick(lang, "向上级报送的汇总", "Summaries for other levels")}`,
    pick(
      lang,
      `向县、市等上级报送的汇总中，小于 ${smallCellThreshold} 的非零数字一律隐去并标注。同一栏中有小于阈值的数时，该栏的零也一并隐去，使隐去的零与隐去的小数无从分辨；隐去的格不足两个、合计小于 ${smallCellThreshold}、或都恰为 ${smallCellThreshold - 1} 时，再隐去该栏其余数字中最小的一个（与它相同的数字一并隐去），使隐去的格合计不少于阈值，也无法由合计和其余数字推算出来。一栏的合计小于 ${smallCellThreshold} 时，合计和该栏所有数字（包括零）都隐去。阈值为 2 时，只有两格、各为 1、合计为 2 的一栏仍可推知，因此阈值宜不小于 3。乡镇自用的报表保留准确数字。`,
      `In a summary sent to another level (county, city), every non-zero count below ${smallCellThreshold} is withheld and marked. Where a column has such a count, its zeros are withheld too, so that a withheld zero cannot be told from a withheld small count; and where the withheld cells are fewer than two, add up to less than ${smallCellThreshold}, or are all ${smallCellThreshold - 1}, the smallest other count of the column is withheld as well (with any count equal to it), so that the withheld cells add up to at least the threshold and none can be worked out from the total and the counts shown. Where a column's total is below ${smallCellThreshold}, the total and every count of the column, zeros included, are withheld. At a threshold of 2, a column of just two counts of 1 (total 2) can still be worked out, so the threshold should be 3 or more. The township's own report keeps exact counts.`,
    ),
  ]);
