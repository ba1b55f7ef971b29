import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DisputeView, type Ledger, RiskLevels, generateDevelopmentKeys } from "@tiaojie/core";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import {
  type AuditCheck,
  type MonthlyFigures,
  type OutsideScope,
  type Registration,
  type Resolution,
  type Support,
  checkAudit,
  confirmGrades,
  explainedGrade,
  listAll,
  monthlyFigures,
  openSupport,
  registerTown,
  resolveOne,
  tryOutsideScope,
} from "./flow.js";
import { keysFromEnvironment } from "./keys.js";
import { openLedger } from "./open-ledger.js";

// One ledger over a real SQLite file in a temporary directory, taken through the
// whole flow once (bounded: 40 residents, 30 disputes); each test checks one outcome.
const town = sampleTown(7, { villages: 3, persons: 40, disputes: 30 });
const today = town.period.to;
const officers = sampleOfficers(town);
const keys = keysFromEnvironment({});
const dir = mkdtempSync(join(tmpdir(), "tiaojie-flow-test-"));
const resolvedId = town.disputes[0]!.id;
const resident = town.persons.find((p) => !town.listings.some((l) => l.person === p.id))!;

let ledger: Ledger;
let registration: Registration;
let confirmed: ReadonlyArray<DisputeView>;
let resolution: Resolution;
let support: Support;
let outside: OutsideScope;
let figures: MonthlyFigures;
let audit: AuditCheck;

beforeAll(async () => {
  ledger = await openLedger({ file: join(dir, "ledger.db"), units: town.units, keys, today, township: town.township.code });
  registration = await registerTown(ledger, town, officers);
  confirmed = await confirmGrades(ledger, officers.coordinator);
  resolution = await resolveOne(ledger, town, officers, resolvedId);
  support = await openSupport(ledger, town, officers, resident.id, today);
  outside = await tryOutsideScope(ledger, town, officers);
  figures = await monthlyFigures(ledger, town, officers, "2025-05");
  audit = await checkAudit(ledger, officers, keys.checkpointPublicKey);
});

afterAll(async () => {
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the whole flow over a SQLite file, with plain async functions", () => {
  it("registers every resident and dispute of the town, and a retried form only replays", async () => {
    expect(registration).toEqual({ persons: town.persons.length, disputes: town.disputes.length, retryReplayed: true });
    const all = await listAll(ledger, officers.coordinator);
    expect(all.map((v) => v.id).sort()).toEqual(town.disputes.map((d) => d.id).sort());
  });

  it("lets each village committee list exactly its own village's disputes", async () => {
    for (const village of town.villages) {
      const seen = await listAll(ledger, officers.ofVillage(village.code)!);
      const expected = town.disputes.filter((d) => d.jurisdiction === village.code).map((d) => d.id);
      expect(seen.map((v) => v.id).sort()).toEqual([...expected].sort());
    }
  });

  it("explains a stored grade by the very rules that fired", async () => {
    const { view, explanation } = await explainedGrade(ledger, officers.coordinator, town.disputes[1]!.id, "en");
    expect(explanation.fired.map((r) => r.id)).toEqual(view.grading.firedRules);
    expect(explanation.level).toBe(RiskLevels.label(view.grading.level, "en"));
    for (const rule of explanation.fired) expect(rule.reason.length).toBeGreaterThan(0);
  });

  it("confirms the recommended grade of every dispute", () => {
    expect(confirmed).toHaveLength(town.disputes.length);
    for (const v of confirmed) {
      expect(v.gradeConfirmed).toBe(true);
      expect(v.level).toBe(v.grading.level);
    }
  });

  it("routes a dispute to the unit its route names and takes its case to resolved", async () => {
    expect(resolution.statuses).toEqual(["registered", "accepted", "assigned", "in-mediation", "resolved"]);
    const lead = town.units.find((u) => u.id === resolution.leadUnit)!;
    expect(lead.kind).toBe(resolution.view.route.lead);
    const stored = await ledger.getDispute(officers.coordinator, resolvedId);
    expect(stored.ok && stored.value.case.status).toBe("resolved");
    expect(stored.ok && stored.value.case.history.at(-1)?.fields.outcome).toBe("agreement");
    expect(stored.ok && stored.value.case.leadUnit).toBe(resolution.leadUnit);
  });

  it("opens a support listing and shows its tasks due, without the reason to the village committee", () => {
    const mine = support.tasks.support.filter((t) => t.listing === support.listing.id);
    expect(mine.map((t) => t.dueOn)).toContain(today);
    expect(mine.every((t) => t.shown === "full")).toBe(true);
    const theirs = support.committeeTasks.support.filter((t) => t.listing === support.listing.id);
    expect(theirs).toHaveLength(mine.length);
    expect(theirs.every((t) => t.shown === "without-reason")).toBe(true);
  });

  it("reports the month from the store exactly as the core's pure monthlyReport over the same records", () => {
    expect(figures.fromStore).toEqual(figures.pure);
    const reportedInMay = town.disputes.filter((d) => d.reportedOn >= "2025-05-01" && d.reportedOn <= "2025-05-31").length;
    expect(figures.fromStore.totals).toEqual({ new: reportedInMay, cumulative: town.disputes.length, resolvedInPeriod: 1, openAtEnd: town.disputes.length - 1 });
  });

  it("refuses a write outside the actor's village, writes nothing and audits the refusal", () => {
    expect(outside.refusal?.reason).toBe("out-of-scope");
    expect(outside.refusal?.text.zh).toContain("辖区");
    expect(outside.versionAfter).toBe(outside.versionBefore);
    expect(outside.audited).toMatchObject({ action: "record-measure", outcome: "refused" });
  });

  it("verifies the audit chains against a signed checkpoint, and not against another key", async () => {
    expect(audit.verification.ok).toBe(true);
    expect(audit.verification.chains.every((c) => c.ok)).toBe(true);
    const stranger = generateDevelopmentKeys().checkpointPublicKey;
    const wrong = await ledger.verifyAudit(officers.auditor, { checkpoint: audit.checkpoint, publicKey: stranger });
    expect(wrong.ok && wrong.value.ok).toBe(false);
  });
});
