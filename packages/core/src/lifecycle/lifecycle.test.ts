import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Actor } from "../model/actor.js";
import type { DisputeId, EventId, OfficerId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { plusDays } from "../calendar/local-dates.js";
import { ActorRoles, type ActorRole } from "../taxonomy/actor-roles.js";
import { CaseStatuses, type CaseStatus } from "../taxonomy/case-statuses.js";
import { decode } from "../validation/decode.js";
import { CaseFields, type CaseRecord } from "./case-record.js";
import { type CaseFieldName, caseTransitions, transitionsFrom } from "./case-transitions.js";
import { caseLifecycleMermaid } from "./lifecycle-diagram.js";
import { caseAsOf, registerCase, transitionCase } from "./transition-case.js";

const d = (s: string) => s as LocalDate;
const actor = (role: ActorRole): Actor => ({ officerId: "zx-0001" as OfficerId, name: "张明", unit: "u-pafzb" as UnitId, role, scope: "532301104000" as never });
const START = d("2024-11-05");
/** The unit register the lead unit's kind is read from. */
const UNITS = [{ id: "u-sfs" as UnitId, kind: "justice-office" as const }, { id: "u-pcs" as UnitId, kind: "police-station" as const }];

const fresh = (): CaseRecord => {
  const r = registerCase({ dispute: "d-000001" as DisputeId, domain: "neighbourhood", on: START, actor: actor("grid-worker"), eventId: "e-0" as EventId });
  if (!r.ok) throw r.error;
  return r.value.record;
};

const FULL: Required<CaseFields> = {
  reason: "当事人不同意调解方案",
  properChannel: "向人民法院起诉",
  leadUnit: "u-sfs" as UnitId,
  leadUnitKind: "justice-office",
  responsiblePerson: "李娟",
  channel: "people-mediation",
  outcome: "agreement",
  referredTo: "court",
  escalatedTo: "city-political-legal-committee",
  note: "回访当事人，协议已履行",
};
const fieldsFor = (names: ReadonlyArray<CaseFieldName>, skip?: CaseFieldName): CaseFields =>
  Object.fromEntries(names.filter((n) => n !== skip).map((n) => [n, FULL[n]])) as CaseFields;

describe("the transition table", () => {
  test("follows the plan's path and records every step", () => {
    let record = fresh();
    const steps: ReadonlyArray<[string, ActorRole]> = [
      ["accept", "coordinator"],
      ["assign", "coordinator"],
      ["start-mediation", "village-committee"],
      ["fail-mediation", "unit-officer"],
      ["refer", "coordinator"],
      ["resolve", "unit-officer"],
      ["close", "township-leadership"],
      ["follow-up", "grid-worker"],
    ];
    steps.forEach(([name, role], i) => {
      const t = caseTransitions.find((x) => x.name === name)!;
      const r = transitionCase(record, { transition: name, actor: actor(role), on: plusDays(START, i), eventId: `e-${i + 1}` as EventId, fields: fieldsFor(t.requires), units: UNITS });
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.event.kind).toBe(t.event);
        record = r.value.record;
      }
    });
    expect(record).toMatchObject({ status: "closed", outcome: "agreement", channel: "people-mediation", referredTo: "court", leadUnit: "u-sfs", leadUnitKind: "justice-office", responsiblePerson: "李娟" });
    expect(record.history[2]!.fields).toEqual({ leadUnit: "u-sfs", leadUnitKind: "justice-office", responsiblePerson: "李娟" });
    expect(record.history.map((e) => e.kind)).toEqual([
      "case.registered", "case.accepted", "case.assigned", "case.mediation-started", "case.mediation-failed",
      "case.referred", "case.resolved", "case.closed", "case.followed-up",
    ]);
    expect(caseAsOf(record, plusDays(START, 1))?.status).toBe("assigned");
    expect(caseAsOf(record, plusDays(START, 2))?.status).toBe("in-mediation");
    expect(caseAsOf(record, plusDays(START, 2))?.outcome).toBeUndefined();
    expect(caseAsOf(record, plusDays(START, 2))?.leadUnitKind).toBe("justice-office");
    expect(caseAsOf(record, d("2024-11-04"))).toBeUndefined();
  });

  test("illegal moves are typed errors, not exceptions", () => {
    const record = fresh();
    const at = { actor: actor("coordinator"), on: START, eventId: "e-9" as EventId };
    const wrong = transitionCase(record, { ...at, transition: "close" });
    expect(!wrong.ok && wrong.error._tag).toBe("TransitionNotAllowed");
    const unknown = transitionCase(record, { ...at, transition: "teleport" });
    expect(!unknown.ok && unknown.error._tag).toBe("TransitionNotAllowed");
    const role = transitionCase(record, { ...at, actor: actor("auditor"), transition: "accept" });
    expect(!role.ok && role.error._tag).toBe("RoleNotAllowed");
    const missing = transitionCase(record, { ...at, transition: "decline", fields: { reason: "  " } });
    expect(!missing.ok && missing.error._tag === "MissingCaseFields" && missing.error.fields).toEqual(["reason", "properChannel"]);
    const early = transitionCase(record, { ...at, on: d("2024-11-01"), transition: "accept" });
    expect(!early.ok && early.error._tag).toBe("EventOutOfOrder");
    const accepted = transitionCase(record, { ...at, transition: "accept" });
    if (!accepted.ok) throw accepted.error;
    const invalid = transitionCase(accepted.value.record, { ...at, transition: "assign", fields: { leadUnit: "不是编号" as UnitId, responsiblePerson: "李娟" } });
    expect(!invalid.ok && invalid.error._tag).toBe("InvalidCaseFields");
    expect(!invalid.ok && invalid.error.text.en).toMatch(/invalid/);
    // The lead unit's kind is read from the register passed with the request.
    const assign = { ...at, transition: "assign", fields: { leadUnit: "u-sfs" as UnitId, responsiblePerson: "李娟" } };
    const noRegister = transitionCase(accepted.value.record, assign);
    expect(!noRegister.ok && noRegister.error._tag).toBe("UnknownLeadUnit");
    expect(!noRegister.ok && noRegister.error.message).not.toContain("u-sfs");
    const notListed = transitionCase(accepted.value.record, { ...assign, units: [{ id: "u-other" as UnitId, kind: "justice-office" }] });
    expect(!notListed.ok && notListed.error._tag).toBe("UnknownLeadUnit");
    const badKind = transitionCase(accepted.value.record, { ...assign, units: [{ id: "u-sfs" as UnitId, kind: "parliament" as never }] });
    expect(!badKind.ok && badKind.error._tag).toBe("InvalidCaseFields");
    // A kind the caller writes into the fields is not taken: the register's is.
    const claimed = transitionCase(accepted.value.record, { ...assign, fields: { ...assign.fields, leadUnitKind: "health-centre" }, units: UNITS });
    expect(claimed.ok && claimed.value.record.leadUnitKind).toBe("justice-office");
    // The escalation target is a unit kind, not free text.
    const escalation = decode(CaseFields, { escalatedTo: "市委政法委", reason: "调解不成" });
    expect(escalation.ok).toBe(false);
    expect(decode(CaseFields, { escalatedTo: "city-political-legal-committee", reason: "调解不成" }).ok).toBe(true);
    expect(registerCase({ dispute: "d-2" as DisputeId, domain: "neighbourhood", on: START, actor: actor("auditor"), eventId: "e" as EventId }).ok).toBe(false);
  });

  test("renders as a Mermaid state diagram with every transition", () => {
    const text = caseLifecycleMermaid();
    expect(text.split("\n")[0]).toBe("stateDiagram-v2");
    expect(text).toContain("[*] --> registered");
    expect(text).toContain("mediation_failed --> referred: 移送 (referredTo)");
    expect(text).toContain("closed --> closed: 回访 (note)");
    const arrows = text.split("\n").filter((l) => l.includes("-->") && !l.includes("[*]"));
    expect(arrows.length).toBe(caseTransitions.reduce((n, t) => n + t.from.length, 0));
    expect(caseLifecycleMermaid(caseTransitions, "en")).toContain('state "in mediation" as in_mediation');
  });

  test("every status the table reaches is a case status, and every status is reachable", () => {
    const reached = new Set<CaseStatus>(["registered"]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...reached]) for (const t of transitionsFrom(s)) if (!reached.has(t.to)) (reached.add(t.to), (changed = true));
    }
    expect([...reached].sort()).toEqual([...CaseStatuses.codes].sort());
  });
});

// ---------------------------------------------------------------------------
// Model-based test: random sequences of allowed and forbidden transitions.
// ---------------------------------------------------------------------------

interface Model {
  status: CaseStatus;
  day: number;
}
interface Real {
  record: CaseRecord;
}

const invariants = (record: CaseRecord): void => {
  if (record.status === "closed") expect(record.outcome).toBeDefined();
  if (record.status === "resolved") {
    expect(record.channel).toBeDefined();
    expect(record.outcome).toBeDefined();
  }
  if (record.status !== "registered" && record.status !== "accepted" && record.status !== "declined") {
    expect(record.leadUnit).toBeDefined();
    expect(record.responsiblePerson).toBeDefined();
    expect(record.leadUnitKind).toBe(UNITS.find((u) => u.id === record.leadUnit)?.kind);
  }
  for (const event of record.history) {
    if (event.transition === "register") continue;
    const t = caseTransitions.find((x) => x.name === event.transition)!;
    for (const f of t.requires) expect(String(event.fields[f] ?? "").trim()).not.toBe("");
  }
  expect(record.status).toBe(record.history.at(-1)!.to);
};

class Attempt implements fc.Command<Model, Real> {
  constructor(
    readonly transition: string,
    readonly role: ActorRole,
    readonly skip: CaseFieldName | undefined,
    readonly dayStep: number,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const t = caseTransitions.find((x) => x.name === this.transition);
    const on = plusDays(START, model.day + this.dayStep);
    const fields = t ? fieldsFor(t.requires, this.skip) : {};
    const before = real.record;
    const r = transitionCase(before, { transition: this.transition, actor: actor(this.role), on, eventId: `e-${before.history.length}` as EventId, fields, units: UNITS });
    const allowed =
      t !== undefined && t.from.includes(model.status) && t.roles.includes(this.role) && this.dayStep >= 0 && (this.skip === undefined || !t.requires.includes(this.skip));
    expect(r.ok).toBe(allowed);
    if (r.ok) {
      model.status = t!.to;
      model.day += this.dayStep;
      real.record = r.value.record;
      expect(r.value.record.history.length).toBe(before.history.length + 1);
    } else {
      expect(real.record).toBe(before); // a forbidden transition changes nothing
      expect(before.history.length).toBe(real.record.history.length);
    }
    expect(real.record.status).toBe(model.status);
    invariants(real.record);
  }
  toString = () => `${this.transition} by ${this.role}${this.skip ? ` without ${this.skip}` : ""} +${this.dayStep}d`;
}

const names = [...caseTransitions.map((t) => t.name), "teleport"];
const attempt = fc
  .record({
    transition: fc.constantFrom(...names),
    role: fc.constantFrom(...ActorRoles.codes),
    skip: fc.option(fc.constantFrom<CaseFieldName>("reason", "properChannel", "leadUnit", "responsiblePerson", "channel", "outcome", "referredTo", "escalatedTo", "note"), { freq: 4, nil: undefined }),
    dayStep: fc.integer({ min: -1, max: 20 }),
  })
  .map(({ transition, role, skip, dayStep }) => new Attempt(transition, role, skip, dayStep));
/** Mostly the moves the current status allows, made by a coordinator, so that runs go deep. */
const likely = fc
  .record({ pick: fc.nat(), dayStep: fc.integer({ min: 0, max: 10 }) })
  .map(({ pick, dayStep }) => new Attempt(caseTransitions[pick % caseTransitions.length]!.name, "coordinator", undefined, dayStep));

describe("the lifecycle as a model", () => {
  test.prop([fc.commands([attempt, likely, likely], { maxCommands: 60 })], { numRuns: 200 })(
    "random allowed and forbidden transitions keep the invariants",
    (commands) => {
      fc.modelRun(() => ({ model: { status: "registered" as CaseStatus, day: 0 }, real: { record: fresh() } }), commands);
    },
  );
});
