import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import type { DisputeId, EventId, OfficerId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { plusDays } from "../calendar/local-dates.js";
import { routeDispute } from "../routing/route-dispute.js";
import { publicSecurityExcludedDomains } from "../routing/public-security.js";
import type { UnlawfulAct } from "../support/support-facts.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import { ResolutionChannels } from "../taxonomy/resolution-channels.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { ReferralTargets } from "./case-outcomes.js";
import type { CaseRecord } from "./case-record.js";
import { transitionsFrom } from "./case-transitions.js";
import { registerCase, transitionCase } from "./transition-case.js";
import { referUnlawfulAct } from "./unlawful-act-referral.js";

const d = (s: string) => s as LocalDate;
const START = d("2025-03-03");
/** The unit register: the office that leads petition work, the justice office and the police station. */
const UNITS = [
  { id: "u-pafzb" as UnitId, kind: "peace-rule-of-law-office" as const },
  { id: "u-sfs" as UnitId, kind: "justice-office" as const },
  { id: "u-pcs" as UnitId, kind: "police-station" as const },
];
const actor = (role: ActorRole = "coordinator"): Actor => ({ officerId: "zx-0001" as OfficerId, name: "张明", unit: "u-pafzb" as UnitId, role, scope: "532301104000" as never });

/** A case of the domain, stepped through `steps` (each must be allowed). */
const caseOf = (domain: DisputeDomain, steps: ReadonlyArray<readonly [string, Record<string, string>?]>): CaseRecord => {
  const r = registerCase({ dispute: "d-000001" as DisputeId, domain, on: START, actor: actor(), eventId: "e-0" as EventId });
  if (!r.ok) throw r.error;
  let record = r.value.record;
  steps.forEach(([transition, fields], i) => {
    const next = transitionCase(record, { transition, actor: actor(), on: plusDays(START, i + 1), eventId: `e-${i + 1}` as EventId, units: UNITS, ...(fields ? { fields: fields as never } : {}) });
    if (!next.ok) throw next.error;
    record = next.value.record;
  });
  return record;
};
const toFailed: ReadonlyArray<readonly [string, Record<string, string>?]> = [
  ["accept"],
  ["assign", { leadUnit: "u-pafzb", responsiblePerson: "李娟" }],
  ["start-mediation", { channel: "people-mediation" }],
  ["fail-mediation", { reason: "当事人不接受调解方案", responsiblePerson: "李娟" }],
];
const at = (record: CaseRecord, transition: string, fields: Record<string, string>) =>
  transitionCase(record, { transition, actor: actor(), on: plusDays(START, 10), eventId: "e-x" as EventId, fields: fields as never, units: UNITS });

describe("a petition matter or a dispute in legal proceedings never goes to public security through its case", () => {
  it.each(publicSecurityExcludedDomains.map((domain) => [domain]))("%s: no referral to public security, no police linkage", (domain) => {
    const failed = caseOf(domain, toFailed);
    const refer = at(failed, "refer", { referredTo: "public-security" });
    expect(!refer.ok && refer.error._tag).toBe("PublicSecurityExcluded");
    expect(!refer.ok && refer.error._tag === "PublicSecurityExcluded" && refer.error.field).toBe("referredTo");
    expect(!refer.ok && refer.error.message).toContain("经认定的违法行为另行移送");
    const linked = at(failed, "remediate", { channel: "police-linkage" });
    expect(!linked.ok && linked.error._tag === "PublicSecurityExcluded" && linked.error.field).toBe("channel");
    const assigned = caseOf(domain, toFailed.slice(0, 2));
    expect(at(assigned, "start-mediation", { channel: "police-linkage" }).ok).toBe(false);
    // The lawful routes stay open: the court, and mediation without the police.
    expect(at(failed, "refer", { referredTo: "court" }).ok).toBe(true);
    expect(at(failed, "remediate", { channel: "people-mediation" }).ok).toBe(true);
  });

  it.each(publicSecurityExcludedDomains.map((domain) => [domain]))("%s: the police station is never the lead unit, nor the body escalated to", (domain) => {
    const accepted = caseOf(domain, toFailed.slice(0, 1));
    const police = at(accepted, "assign", { leadUnit: "u-pcs", responsiblePerson: "王警官" });
    expect(!police.ok && police.error._tag === "PublicSecurityExcluded" && police.error.field).toBe("leadUnit");
    expect(!police.ok && police.error.message).toContain("交由公安机关牵头");
    // The caller cannot talk the kind away: it is read from the register.
    expect(at(accepted, "assign", { leadUnit: "u-pcs", leadUnitKind: "justice-office", responsiblePerson: "王警官" }).ok).toBe(false);
    const failed = caseOf(domain, toFailed);
    const escalated = at(failed, "escalate", { escalatedTo: "police-station", reason: "调解不成" });
    expect(!escalated.ok && escalated.error._tag === "PublicSecurityExcluded" && escalated.error.field).toBe("escalatedTo");
    // The lawful routes: assigned to the justice office, escalated to the city political-legal committee.
    const justice = at(accepted, "assign", { leadUnit: "u-sfs", responsiblePerson: "李娟" });
    expect(justice.ok && [justice.value.record.leadUnit, justice.value.record.leadUnitKind]).toEqual(["u-sfs", "justice-office"]);
    const city = at(failed, "escalate", { escalatedTo: "city-political-legal-committee", reason: "调解不成" });
    expect(city.ok && [city.value.record.status, city.value.record.escalatedTo]).toEqual(["escalated", "city-political-legal-committee"]);
    for (const to of ["county-political-legal-committee", "higher-department", "township-leadership"]) expect(at(failed, "escalate", { escalatedTo: to, reason: "调解不成" }).ok).toBe(true);
  });

  it("other disputes may be referred, assigned or escalated to public security, or mediated with it", () => {
    const failed = caseOf("neighbourhood", toFailed);
    const refer = at(failed, "refer", { referredTo: "public-security" });
    expect(refer.ok && refer.value.record.referredTo).toBe("public-security");
    expect(at(failed, "remediate", { channel: "police-linkage" }).ok).toBe(true);
    const assigned = at(caseOf("neighbourhood", toFailed.slice(0, 1)), "assign", { leadUnit: "u-pcs", responsiblePerson: "王警官" });
    expect(assigned.ok && assigned.value.record.leadUnitKind).toBe("police-station");
    const escalated = at(failed, "escalate", { escalatedTo: "police-station", reason: "涉嫌违反治安管理" });
    expect(escalated.ok && escalated.value.record.escalatedTo).toBe("police-station");
  });

  it("an unlawful act found in a petition matter is referred as such, and the petition stays with the peace and rule-of-law office", () => {
    const petition = caseOf("petition", toFailed);
    expect(routeDispute({ domain: "petition", level: "blue", facts: { peopleInvolved: 1, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false, emotionalIntensity: 0, failedMediations: 1, vulnerableParty: false, unpaidMajorProjectLandCompensation: false } }).lead).toBe("peace-rule-of-law-office");
    const act: UnlawfulAct = { foundBy: "police-station", foundOn: d("2025-03-05"), record: "治安案件 2025-11" };
    const input = { id: "e-ua-1" as EventId, person: "p-0007" as PersonId, act, to: "police-station" as const, actor: actor(), on: d("2025-03-06"), reason: "经认定的违法行为，移交依法处理" };
    const r = referUnlawfulAct(input);
    expect(r.ok && r.value).toEqual({ id: "e-ua-1", kind: "unlawful-act.referred", person: "p-0007", act, to: "police-station", referredBy: actor(), referredOn: "2025-03-06", reason: "经认定的违法行为，移交依法处理" });
    // The referral names the act alone: not the case, its domain or any petition.
    expect(Object.keys(r.ok ? r.value : {}).sort()).toEqual(["act", "id", "kind", "person", "reason", "referredBy", "referredOn", "to"]);
    expect(petition.status).toBe("mediation-failed");
    // Refused: an act not yet found, a role that may not refer, a blank reason.
    const early = referUnlawfulAct({ ...input, on: d("2025-03-04") });
    expect(!early.ok && early.error._tag).toBe("UnlawfulActNotYetFound");
    expect(!early.ok && early.error.message).not.toContain("2025");
    const grid = referUnlawfulAct({ ...input, actor: actor("grid-worker") });
    expect(!grid.ok && grid.error._tag).toBe("ReferralRoleNotAllowed");
    const blank = referUnlawfulAct({ ...input, reason: "  " });
    expect(!blank.ok && blank.error._tag).toBe("InvalidUnlawfulActReferral");
    expect(referUnlawfulAct({ ...input, on: d("2025-03-05") }).ok).toBe(true);
  });
});

const stepArb = fc.record({
  pick: fc.nat(),
  channel: fc.oneof(fc.constant("police-linkage" as const), fc.constantFrom(...ResolutionChannels.codes)),
  referredTo: fc.oneof(fc.constant("public-security" as const), fc.constantFrom(...ReferralTargets.codes)),
  leadUnit: fc.constantFrom(...UNITS.map((u) => u.id)),
  escalatedTo: fc.oneof(fc.constant("police-station" as const), fc.constantFrom(...UnitKinds.codes)),
});

test.prop([fc.oneof(fc.constantFrom<DisputeDomain>(...publicSecurityExcludedDomains), fc.constantFrom<DisputeDomain>(...DisputeDomains.codes)), fc.array(stepArb, { maxLength: 30 })], { numRuns: 200 })(
  "whatever steps are tried, a case of those domains never records a public-security lead, referral, escalation or police linkage, and other cases can",
  (domain, steps) => {
    const excluded = domain === "petition" || domain === "in-legal-proceedings";
    let record = caseOf(domain, []);
    let policeAttempted = false;
    steps.forEach((step, i) => {
      // One of the moves the current status allows, so that runs reach assignment, referral, escalation and re-mediation.
      const allowed = transitionsFrom(record.status);
      const s = { ...step, transition: allowed[step.pick % allowed.length]!.name };
      const fields = { reason: "理由", properChannel: "途径", leadUnit: s.leadUnit, responsiblePerson: "李娟", channel: s.channel, outcome: "agreement", referredTo: s.referredTo, escalatedTo: s.escalatedTo, note: "记录" };
      const r = transitionCase(record, { transition: s.transition, actor: actor(), on: plusDays(START, i + 1), eventId: `e-${i + 1}` as EventId, fields: fields as never, units: UNITS });
      // Written apart from the library: each move that would put the police station or the police into the case.
      const police =
        (s.transition === "assign" && s.leadUnit === "u-pcs") ||
        (s.transition === "refer" && s.referredTo === "public-security") ||
        (s.transition === "escalate" && s.escalatedTo === "police-station") ||
        ((s.transition === "start-mediation" || s.transition === "remediate") && s.channel === "police-linkage");
      // Every move is allowed and complete, so the only refusal is the one under test.
      expect(r.ok).toBe(!(police && excluded));
      if (r.ok) record = r.value.record;
      else if (r.error._tag === "PublicSecurityExcluded") policeAttempted = true;
    });
    const events = record.history;
    const policeEvents = events.filter((e) =>
      e.fields.leadUnit === "u-pcs" || e.fields.referredTo === "public-security" || e.fields.escalatedTo === "police-station" || e.fields.channel === "police-linkage");
    if (excluded) {
      expect(policeEvents).toEqual([]);
      expect(record.leadUnit).not.toBe("u-pcs");
      expect(record.escalatedTo).not.toBe("police-station");
    } else {
      expect(policeAttempted).toBe(false);
    }
  },
);
