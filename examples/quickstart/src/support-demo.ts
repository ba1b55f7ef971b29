import {
  type ActorContext,
  type Listing,
  type ListingTimelineEntry,
  type LocalDate,
  type Person,
  type SupportFacts,
  type Unit,
  type UnitKind,
  Actor,
  ListingId,
  ListingRules,
  SupportCategories,
  UnitKinds,
  actorContext,
  checkSupportCriteria,
  criterionOf,
  decode,
  draftListing,
  plusDays,
  evaluateEligibility,
  listingStatusAsOf,
  listingTimeline,
  plusMonths,
  redact,
  removeListing,
  reviewListing,
  settleListing,
  tasksDue,
  zixiSupportCriteria,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";

/**
 * Synthetic support facts for the first persons of the town, derived from their
 * position only, so the demo prints the same every run. Person 4 has petitioned
 * many times, up to province level: that alone qualifies nobody for anything.
 */
const syntheticFacts = (persons: ReadonlyArray<Person>, asOf: LocalDate): ReadonlyArray<SupportFacts> => {
  const make = (i: number, facts: Omit<SupportFacts, "person">): SupportFacts | undefined =>
    persons[i] ? { person: persons[i].id, ...facts } : undefined;
  const all = [
    make(0, { mentalHealth: { confirmedBy: "health-centre", confirmedOn: plusDays(asOf, -20), dangerousnessGrade: 3 } }),
    make(1, { correction: { kind: "released", releasedOn: plusDays(asOf, -730), recordedBy: "赵强", recordedOn: plusDays(asOf, -728) } }),
    make(2, { correction: { kind: "released", releasedOn: plusDays(asOf, -2200), recordedBy: "赵强", recordedOn: plusDays(asOf, -2198) } }),
    make(3, {
      crisis: { assessedBy: "陈静", profession: "社工", assessedOn: plusDays(asOf, -10), indicators: ["life-setback", "emotional-imbalance"] },
    }),
    make(4, { petition: { count: 12, highestLevel: "province" } }),
    make(5, {
      threats: [{ kind: "violence", documentedBy: "派出所民警", documentedOn: plusDays(asOf, -15), record: "扬言对邻居实施暴力报复，接警记录存档" }],
      hardship: { indicators: ["poverty"], assessedBy: "王芳", assessedOn: plusDays(asOf, -15) },
      petition: { count: 3, highestLevel: "county" },
    }),
    make(6, { hardship: { indicators: ["serious-illness", "self-harm-risk"], assessedBy: "王芳", assessedOn: asOf } }),
    make(7, { residence: { householdRegisteredElsewhere: true, registration: "unregistered", housing: "出租房", recordedBy: "网格员周丽", recordedOn: plusDays(asOf, -12) } }),
    make(8, {
      mentalHealth: { confirmedBy: "health-centre", confirmedOn: plusDays(asOf, -100), dangerousnessGrade: 0 },
      hardship: { indicators: ["family-breakdown"], assessedBy: "王芳", assessedOn: plusDays(asOf, -40) },
    }),
  ];
  return all.filter((f): f is SupportFacts => f !== undefined);
};

const OFFICERS: Partial<Record<UnitKind, string>> = {
  "health-centre": "杨医生",
  "justice-office": "赵强",
  "police-station": "李警官",
  "peace-rule-of-law-office": "张明",
  "social-affairs-office": "王芳",
};

/** The unit that leads a category for a person: the first lead unit kind the town has. */
const leadUnit = (town: SampleTown, person: Person, kinds: ReadonlyArray<UnitKind>): Unit | undefined => {
  for (const kind of kinds) {
    const committee = kind === "village-committee" || kind === "community-committee";
    const unit = town.units.find((u) => u.kind === kind && (!committee || u.jurisdiction === person.jurisdiction));
    if (unit) return unit;
  }
  return undefined;
};

/** The officer who acts for a unit in the demo. */
const officerOf = (unit: Unit, role: Actor["role"]): Actor | undefined => {
  const actor = decode(Actor, { officerId: `zx-${unit.id}`, name: OFFICERS[unit.kind] ?? "值班人员", unit: unit.id, role, scope: unit.jurisdiction });
  return actor.ok ? actor.value : undefined;
};

const contextFor = (town: SampleTown, unit: Unit | undefined, role: Actor["role"]): ActorContext | undefined => {
  const actor = unit ? officerOf(unit, role) : undefined;
  return actor ? actorContext(actor, town.units) : undefined;
};

const STATUS_LABELS = { active: "有效", lapsed: "已失效", ended: "已终止", removed: "已撤销", upcoming: "未开始" } as const;

const describeEntry = (s: ListingTimelineEntry): string => {
  const reason = "reason" in s ? ("rule" in s.reason ? `（${ListingRules.label(s.reason.rule)}）` : `（${s.reason.text}）`) : "";
  return `${s.since} 起${STATUS_LABELS[s.kind]}${reason}`;
};

/**
 * Part of the demo: the support registry. Evaluates the criteria for some persons
 * of the town (with synthetic facts), lists the tasks due on `asOf` (help first),
 * and shows one listing as the health centre, the police station and a village
 * committee each see it.
 */
export const printSupportDemo = (town: SampleTown, asOf: LocalDate): void => {
  const byId = new Map(town.persons.map((p) => [p.id as string, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;

  console.log(`\n== 重点人群服务 / Support registry, ${asOf} ==`);
  console.log("列管是帮扶关爱措施：有法律依据、有期限、帮扶优先；信访是合法权利，从不作为列管理由。");
  console.log("Listing is a measure of help, with a lawful basis and an end; petitioning is a right and never a reason.\n");

  const listings: Array<Listing> = [];
  // Persons with identity and phone numbers first, so that the views below show masking.
  const complete = (p: Person) => p.identityNumber !== undefined && p.contact?.phone !== undefined;
  const people = [...town.persons.filter(complete), ...town.persons.filter((p) => !complete(p))];
  for (const facts of syntheticFacts(people, asOf)) {
    const person = byId.get(facts.person);
    if (!person) continue;
    const result = evaluateEligibility(facts, asOf);
    if (result.qualifying.length === 0) {
      const why = result.notQualifying.find((f) => f.category === 4 && facts.petition)?.reasons.at(-1);
      console.log(`  ${person.name}: 不符合任何类别 / qualifies for none${why ? `（${why.zh}）` : ""}`);
    }
    for (const e of result.qualifying) {
      console.log(`  ${person.name}: 第${e.category}类 ${SupportCategories.label(e.category)} — ${e.reasons.map((r) => r.zh).join("；")}`);
      const unit = leadUnit(town, person, criterionOf(zixiSupportCriteria, e.category).leadUnits);
      const id = decode(ListingId, `l-${person.id}-${e.category}`);
      if (!unit || !id.ok) continue;
      const evidenceDay = e.evidence.assessedOn;
      const startedOn = evidenceDay > plusDays(asOf, -40) ? evidenceDay : plusDays(asOf, -40);
      const role = unit.kind === "village-committee" || unit.kind === "community-committee" ? "village-committee" : unit.kind === "peace-rule-of-law-office" ? "coordinator" : "unit-officer";
      const actor = officerOf(unit, role);
      if (!actor) continue;
      listings.push(
        draftListing(person, e, startedOn, { id: id.value, responsibleUnit: unit.id, responsiblePerson: OFFICERS[unit.kind] ?? "村（社区）干部", actor }),
      );
    }
  }

  // A county that tries to add "disturbing public order" as a qualifying threat is refused.
  const loosened = JSON.parse(JSON.stringify(zixiSupportCriteria));
  loosened.categories[3].parameters.qualifyingThreats.push("public-order");
  const refused = checkSupportCriteria(loosened)[0];
  console.log("\n认定标准检查：在第 4 类加入“扰乱公共秩序” / Criteria check: adding \"public order\" to category 4:");
  console.log(`  ${refused ? `拒绝 / refused: ${refused.zh} / ${refused.en}` : "接受 / accepted"}`);

  console.log(`\n今日到期任务（帮扶优先）/ Tasks due on ${asOf}, help first:`);
  const tasks = tasksDue(listings, asOf);
  if (tasks.length === 0) console.log("  （无）");
  for (const t of tasks) {
    const unit = town.units.find((u) => u.id === t.unit);
    console.log(
      `  ${t.dueOn}${t.overdue ? "（已逾期）" : ""}  第${t.category}类  ${t.title.zh}  ${name(t.person)}  牵头：${unit?.name ?? t.unit}` +
        (t.referTo ? `  → ${UnitKinds.label(t.referTo)}` : ""),
    );
  }

  printHistoryDemo(town, listings, name, asOf);

  const shown = listings.find((l) => l.category === 1);
  const person = shown ? byId.get(shown.person) : undefined;
  if (!shown || !person) return;
  const village = town.units.find((u) => u.jurisdiction === person.jurisdiction);
  const viewers: ReadonlyArray<readonly [string, ActorContext | undefined]> = [
    ["卫生院 / health centre", contextFor(town, town.units.find((u) => u.kind === "health-centre"), "unit-officer")],
    ["派出所 / police station", contextFor(town, town.units.find((u) => u.kind === "police-station"), "unit-officer")],
    ["村（社区）干部 / village committee", contextFor(town, village, "village-committee")],
  ];
  console.log(`\n同一条第一类列管，不同单位看到的内容 / One category-1 listing as each unit sees it:`);
  for (const [label, ctx] of viewers) {
    if (!ctx) continue;
    console.log(`  ${label}:`);
    console.log(`    ${JSON.stringify(redact({ person, listing: shown }, ctx))}`);
  }
};

/**
 * Part of the support demo: a listing's dated history. A review needs an actor and
 * stays within the category's interval; a missed review lapses the listing; a
 * removal later does not change what the listing was before it; the lapse stays
 * in the timeline. Then the statuses of the sample town's own listings.
 */
const printHistoryDemo = (town: SampleTown, listings: ReadonlyArray<Listing>, name: (id: string) => string, asOf: LocalDate): void => {
  const listing = listings.find((l) => l.category === 5);
  const coordinator = town.units.find((u) => u.kind === "peace-rule-of-law-office");
  const settler = coordinator ? officerOf(coordinator, "coordinator") : undefined;
  if (!listing || !settler) return;
  const officer = listing.history[0]!.actor;
  console.log(`\n列管记录（带日期）/ A listing's dated history: ${name(listing.person)}，第${listing.category}类，${officer.name}于 ${listing.history[0]!.on} 列管`);

  const tooLate = reviewListing(listing, { reviewedOn: asOf, actor: officer, nextReviewOn: plusMonths(asOf, 4) });
  if (!tooLate.ok) console.log(`  复核，下次复核定在 4 个月后：拒绝 / refused — ${tooLate.error.message}`);
  const next = plusMonths(asOf, 3);
  const reviewed = reviewListing(listing, { reviewedOn: asOf, actor: officer, nextReviewOn: next });
  if (!reviewed.ok) return;
  console.log(`  ${asOf} ${officer.name}复核，下次复核 ${next} / reviewed, next review ${next}`);
  const missed = plusDays(next, 1);
  console.log(`  ${next}：${STATUS_LABELS[listingStatusAsOf(reviewed.value, next).kind]}；${missed}（未复核）：${STATUS_LABELS[listingStatusAsOf(reviewed.value, missed).kind]}`);
  const settled = settleListing(reviewed.value, missed, settler);
  const removedOn = plusDays(missed, 20);
  const removed = removeListing(settled, { on: removedOn, actor: officer, reason: "已迁出本镇" });
  if (!removed.ok) return;
  console.log(`  ${removedOn} 撤销（已迁出本镇）之后再问 ${asOf} 的状态：${STATUS_LABELS[listingStatusAsOf(removed.value, asOf).kind]} / the status of a day before the removal is that day's`);
  console.log(`  时间线 / timeline: ${listingTimeline(removed.value, removedOn).map(describeEntry).join(" → ")}`);
  console.log(`  记录 / history: ${removed.value.history.map((e) => `${e.on} ${e.kind}（${e.actor.name}）`).join("，")}`);

  const counts = new Map<string, number>();
  for (const l of town.listings) {
    const kind = listingStatusAsOf(l, asOf).kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const summary = (["active", "lapsed", "ended", "removed", "upcoming"] as const)
    .filter((k) => counts.has(k))
    .map((k) => `${STATUS_LABELS[k]} ${counts.get(k)}`)
    .join("，");
  console.log(`\n示例镇的 ${town.listings.length} 条列管在 ${asOf} / The sample town's ${town.listings.length} listings on ${asOf}: ${summary}`);
};
