import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import type { DivisionCode } from "../model/division-code.js";
import { isWithinDivision } from "../model/division-code.js";
import type { HazardRow } from "../ports/store-rows.js";
import { must, serviceFixture } from "./service-fixture.js";
import type { HazardInput } from "./use-cases/hazards.js";

const DAY = 86_400_000;
const HAZARD_FIELDS = ["id", "version", "jurisdiction", "place", "hazard", "responsibleUnit", "foundOn", "deadline", "status", "fixedOn", "measure"];

const planArb = fc.record({
  hazards: fc.array(fc.record({ place: fc.nat(), unit: fc.nat(), deadline: fc.integer({ min: 0, max: 30 }), fixed: fc.boolean(), measure: fc.boolean() }), { minLength: 1, maxLength: 8 }),
  later: fc.integer({ min: 0, max: 40 }),
  viewer: fc.nat(),
});

describe("the hazard register", () => {
  // Each run: a fresh ledger, up to 8 hazards and their fixes, three lists; 15 runs.
  test.prop([planArb], { numRuns: 15 })("registers, fixes and lists hazards; the overdue are the open ones past their deadline; each viewer sees their scope", async (plan) => {
    const fx = serviceFixture(801);
    const places: ReadonlyArray<DivisionCode> = [fx.town.township.code, ...fx.town.villages.map((v) => v.code)];
    const c = fx.actors.coordinator;
    const rows: Array<HazardRow> = [];
    for (const [i, h] of plan.hazards.entries()) {
      const input: HazardInput = {
        jurisdiction: places[h.place % places.length]!,
        place: `场所${i}`,
        hazard: "校门口无隔离护栏",
        responsibleUnit: fx.town.units[h.unit % fx.town.units.length]!.id,
        deadline: plusDays(fx.today, h.deadline),
        ...(h.measure ? { measure: "设置临时护栏" } : {}),
      };
      const view = must(await fx.ledger.registerHazard(c, input));
      expect(view).toMatchObject({ ...input, version: 1, status: "open", foundOn: fx.today, overdue: false });
      rows.push(view);
    }
    for (const [i, h] of plan.hazards.entries()) {
      if (!h.fixed) continue;
      const fixed = must(await fx.ledger.fixHazard(c, { hazard: rows[i]!.id, version: 1, measure: "已安装隔离护栏" }));
      expect(fixed).toMatchObject({ status: "fixed", fixedOn: fx.today, measure: "已安装隔离护栏", version: 2 });
      rows[i] = fixed;
    }
    fx.clock.advance(plan.later * DAY);
    const today = fx.clock.today();
    const viewer = plan.viewer % 2 === 0 ? c : fx.actors.village(fx.town.villages[plan.viewer % fx.town.villages.length]!.code);
    const visible = rows.filter((r) => isWithinDivision(r.jurisdiction, viewer.scope));
    const ids = (xs: ReadonlyArray<{ readonly id: string }>) => xs.map((x) => x.id).sort();

    const all = must(await fx.ledger.listHazards(viewer));
    expect(ids(all)).toEqual(ids(visible));
    for (const h of all) expect(h.overdue).toBe(h.status === "open" && h.deadline < today);
    expect(ids(must(await fx.ledger.listHazards(viewer, { status: "open" })))).toEqual(ids(visible.filter((r) => r.status === "open")));
    expect(ids(must(await fx.ledger.listHazards(viewer, { overdue: true })))).toEqual(ids(visible.filter((r) => r.status === "open" && r.deadline < today)));

    // Hazard rows hold places and things, nothing about persons.
    for (const row of Object.values(fx.store.state().collections.hazards!)) for (const key of Object.keys(row)) expect(HAZARD_FIELDS).toContain(key);
    const events = Object.values(fx.store.state().audit).flat();
    expect(events.filter((e) => e.action === "register-hazard")).toHaveLength(plan.hazards.length);
    expect(events.filter((e) => e.action === "fix-hazard")).toHaveLength(plan.hazards.filter((h) => h.fixed).length);
  });

  test("refuses what is not a hazard of a place in the actor's scope, and writes nothing", async () => {
    const fx = serviceFixture(802);
    const [v0, v1] = fx.town.villages.map((v) => v.code);
    const good: HazardInput = { jurisdiction: v0!, place: "村卫生室入口", hazard: "无防冲撞设施", responsibleUnit: "u-wsy", deadline: plusDays(fx.today, 10) };
    const before = fx.store.state();
    const cases = [
      [fx.actors.coordinator, { ...good, person: "p-0001" }, { _tag: "ValidationError", issues: [{ path: ["hazard", "person"] }] }],
      [fx.actors.coordinator, { ...good, responsibleUnit: "u-nowhere" }, { _tag: "ValidationError", issues: [{ path: ["hazard", "responsibleUnit"] }] }],
      [fx.actors.coordinator, { ...good, deadline: plusDays(fx.today, -1) }, { _tag: "ValidationError", issues: [{ path: ["hazard", "deadline"] }] }],
      [fx.actors.coordinator, { ...good, place: "" }, { _tag: "ValidationError" }],
      [fx.actors.village(v1!), good, { _tag: "AccessDenied", reason: "out-of-scope" }],
      [fx.actors.auditor, good, { _tag: "AccessDenied", reason: "role" }],
    ] as const;
    for (const [actor, input, error] of cases) expect(await fx.ledger.registerHazard(actor, input as HazardInput)).toMatchObject({ ok: false, error });
    expect(fx.store.state().collections).toEqual(before.collections);

    const h = must(await fx.ledger.registerHazard(fx.actors.village(v0!), good));
    expect(await fx.ledger.fixHazard(fx.actors.village(v1!), { hazard: h.id, version: 1, measure: "已整改" })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
    must(await fx.ledger.fixHazard(fx.actors.village(v0!), { hazard: h.id, version: 1, measure: "已整改" }));
    expect(await fx.ledger.fixHazard(fx.actors.coordinator, { hazard: h.id, version: 1, measure: "再次整改" })).toMatchObject({ ok: false, error: { _tag: "VersionConflict" } });
    expect(await fx.ledger.fixHazard(fx.actors.coordinator, { hazard: h.id, version: 2, measure: "再次整改" })).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: ["hazard"] }] } });
    expect(await fx.ledger.fixHazard(fx.actors.coordinator, { hazard: "h-none", version: 1, measure: "整改" })).toMatchObject({ ok: false, error: { _tag: "RecordNotFound" } });
    expect(await fx.ledger.listHazards(fx.actors.auditor)).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
  });
});
