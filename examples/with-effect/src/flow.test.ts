import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RiskLevels } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { wholeFlow } from "./flow.js";
import { Store, appLayer } from "./services.js";

// The whole flow run once with Effect.runPromise over a real SQLite file (bounded:
// 40 residents, 30 disputes); the store layer is scoped, so the file is closed when
// the program ends. Each test checks one outcome.
const town = sampleTown(7, { villages: 3, persons: 40, disputes: 30 });
const today = town.period.to;
const dir = mkdtempSync(join(tmpdir(), "tiaojie-effect-flow-"));

type Outcome = Effect.Effect.Success<typeof wholeFlow>;
let o: Outcome;

beforeAll(async () => {
  o = await Effect.runPromise(wholeFlow.pipe(Effect.provide(appLayer(Store.sqlite(join(dir, "ledger.db")), town, today))));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the whole flow with Effect over a SQLite file", () => {
  it("registers every resident and dispute, and a retried form only replays", () => {
    expect(o.registration).toEqual({ persons: town.persons.length, disputes: town.disputes.length, retryReplayed: true });
  });

  it("lets each village committee list exactly its own village's disputes", () => {
    for (const { village, ids } of o.byVillage) {
      expect([...ids].sort()).toEqual(town.disputes.filter((d) => d.jurisdiction === village).map((d) => d.id).sort());
    }
    expect(o.byVillage.reduce((n, v) => n + v.ids.length, 0)).toBe(town.disputes.length);
  });

  it("explains the stored grade by the rules that fired", () => {
    const { view, explanation } = o.explained;
    expect(explanation.fired.map((r) => r.id)).toEqual(view.grading.firedRules);
    expect(explanation.level).toBe(RiskLevels.label(view.grading.level, "zh"));
  });

  it("confirms every grade as recommended", () => {
    expect(o.confirmed).toHaveLength(town.disputes.length);
    expect(o.confirmed.every((v) => v.gradeConfirmed && v.level === v.grading.level)).toBe(true);
  });

  it("takes the first dispute to resolved, led by the unit its route names", () => {
    expect(o.resolution.statuses).toEqual(["registered", "accepted", "assigned", "in-mediation", "resolved"]);
    expect(o.resolution.view.case.status).toBe("resolved");
    expect(town.units.find((u) => u.id === o.resolution.leadUnit)?.kind).toBe(o.resolution.view.route.lead);
  });

  it("shows a listing's tasks to its office in full and to the village committee without the reason", () => {
    const mine = o.support.tasks.support.filter((t) => t.listing === o.support.listing.id);
    const theirs = o.support.committeeTasks.support.filter((t) => t.listing === o.support.listing.id);
    expect(mine.map((t) => t.dueOn)).toContain(today);
    expect(mine.every((t) => t.shown === "full")).toBe(true);
    expect(theirs.map((t) => t.shown)).toEqual(mine.map(() => "without-reason"));
  });

  it("reports the month from the store exactly as the pure monthlyReport over the same records", () => {
    expect(o.figures.fromStore).toEqual(o.figures.pure);
    const reportedInMay = town.disputes.filter((d) => d.reportedOn.startsWith("2025-05")).length;
    expect(o.figures.fromStore.totals).toEqual({ new: reportedInMay, cumulative: town.disputes.length, resolvedInPeriod: 1, openAtEnd: town.disputes.length - 1 });
  });

  it("catches the out-of-scope write by its tag, writes nothing and audits it", () => {
    expect(o.outside.refusal?._tag).toBe("AccessDenied");
    expect(o.outside.refusal?.reason).toBe("out-of-scope");
    expect(o.outside.versionAfter).toBe(o.outside.versionBefore);
    expect(o.outside.audited).toMatchObject({ action: "record-measure", outcome: "refused" });
  });

  it("verifies every audit chain against the signed checkpoint", () => {
    expect(o.audit.verification.ok).toBe(true);
    expect(o.audit.verification.chains.length).toBeGreaterThan(0);
    expect(o.audit.checkpoint).toContain(town.township.code);
  });
});
