import type { LocalDate } from "../model/local-date.js";
import { isListingActive } from "../support/listing-status.js";
import type { Campaign, CampaignPhase, PhaseCheck } from "./campaign.js";
import { deadlinesBetween } from "./campaign-calendar.js";
import { indexLedger, type LedgerData, type LedgerIndex } from "./ledger-data.js";
import { submissionStatuses } from "./submissions.js";

/**
 * A record a failing check is about: a dispute, a support listing, or a unit's
 * missing submission for a deadline occurrence.
 *
 * @example
 * ```ts
 * const r: PhaseCheckRecord = { kind: "dispute", id: "d-000042" };
 * ```
 * @since 0.1.0
 */
export type PhaseCheckRecord =
  | { readonly kind: "dispute"; readonly id: string }
  | { readonly kind: "listing"; readonly id: string }
  | { readonly kind: "submission"; readonly unit: string; readonly deadline: string };

/**
 * A check that does not hold, with every record concerned.
 *
 * @example
 * ```ts
 * const f: PhaseCheckFailure = evaluation.failing[0]!;
 * f.check.title.zh; f.records.length;
 * ```
 * @since 0.1.0
 */
export interface PhaseCheckFailure {
  readonly check: PhaseCheck;
  readonly records: ReadonlyArray<PhaseCheckRecord>;
}

/**
 * The evaluation of a phase's checks on a day: those that fail (with their
 * records) and the ids of those that pass.
 *
 * @example
 * ```ts
 * const e: PhaseEvaluation = evaluatePhaseRules(zixi2025, "sweep", data);
 * e.failing.length === 0; // the phase's goals are met
 * ```
 * @since 0.1.0
 */
export interface PhaseEvaluation {
  readonly phase: CampaignPhase;
  readonly asOf: LocalDate;
  readonly failing: ReadonlyArray<PhaseCheckFailure>;
  readonly passing: ReadonlyArray<string>;
}

const runCheck = (
  campaign: Campaign,
  phase: CampaignPhase,
  check: PhaseCheck,
  data: LedgerData,
  index: LedgerIndex,
  asOf: LocalDate,
): ReadonlyArray<PhaseCheckRecord> => {
  const registered = data.disputes.filter((d) => d.reportedOn <= asOf);
  switch (check.kind) {
    case "deadlines-submitted": {
      const out: Array<PhaseCheckRecord> = [];
      const due = deadlinesBetween(campaign, phase.start, phase.end).filter((d) => d.kind === check.deadlineKind && d.due <= asOf);
      for (const deadline of due) {
        for (const s of submissionStatuses(campaign, deadline, data.units, data.submissions ?? [], asOf)) {
          if (s.status === "missing") out.push({ kind: "submission", unit: s.unit.id, deadline: deadline.key });
        }
      }
      return out;
    }
    case "disputes-graded":
      return registered.filter((d) => index.gradeOf(d.id, asOf) === undefined).map((d) => ({ kind: "dispute", id: d.id }));
    case "disputes-assigned":
      return registered
        .filter((d) => {
          const s = index.stateOf(d, asOf);
          return s !== undefined && s.status !== "declined" && s.leadUnit === undefined;
        })
        .map((d) => ({ kind: "dispute", id: d.id }));
    case "open-disputes-have-responsible-person":
      return registered
        .filter((d) => index.isOpen(d, asOf) && (index.stateOf(d, asOf)?.responsiblePerson ?? "").trim() === "")
        .map((d) => ({ kind: "dispute", id: d.id }));
    case "open-disputes-have-measure": {
      const withMeasure = new Set((data.resolutionMeasures ?? []).filter((m) => m.recordedOn <= asOf && m.measure.trim() !== "").map((m) => m.dispute));
      return registered.filter((d) => index.isOpen(d, asOf) && !withMeasure.has(d.id)).map((d) => ({ kind: "dispute", id: d.id }));
    }
    case "active-listings-have-measures": {
      const scheduled = new Set((data.scheduledMeasures ?? []).filter((m) => m.scheduledOn <= asOf).map((m) => m.listing));
      return (data.listings ?? [])
        .filter((l) => isListingActive(l, asOf) && !scheduled.has(l.id))
        .map((l) => ({ kind: "listing", id: l.id }));
    }
  }
};

/**
 * Evaluates the checks a phase declares against the ledger's data, as it stood at
 * the end of `asOf` (by default the phase's last day, when the checks are due).
 * Returns every failing check with every record concerned; a check with no
 * failing record passes. Unknown phase ids give `undefined`.
 *
 * @example
 * ```ts
 * import { evaluatePhaseRules, zixi2025 } from "@tiaojie/core";
 *
 * const e = evaluatePhaseRules(zixi2025, "sweep", { units, disputes, cases, grades, submissions });
 * for (const f of e?.failing ?? []) console.log(f.check.title.zh, f.records.length);
 * ```
 * @since 0.1.0
 */
export const evaluatePhaseRules = (
  campaign: Campaign,
  phaseId: string,
  data: LedgerData,
  asOf?: LocalDate,
): PhaseEvaluation | undefined => {
  const phase = campaign.phases.find((p) => p.id === phaseId);
  if (!phase) return undefined;
  const day = asOf ?? phase.end;
  const failing: Array<PhaseCheckFailure> = [];
  const passing: Array<string> = [];
  const index = indexLedger(data);
  for (const check of phase.checks) {
    const records = runCheck(campaign, phase, check, data, index, day);
    if (records.length > 0) failing.push({ check, records });
    else passing.push(check.id);
  }
  return { phase, asOf: day, failing, passing };
};
