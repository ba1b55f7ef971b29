import type { AccessDenied } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import { deadlineByKey } from "../../campaign/campaign-calendar.js";
import type { Actor } from "../../model/actor.js";
import { Text } from "../../model/primitives.js";
import type { SubmissionRow } from "../../ports/store-rows.js";
import { requireRole } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import { type Work, useCase } from "../unit-of-work.js";

/**
 * Records the actor's unit's submission for a deadline occurrence (`id@due`,
 * e.g. `monthly-report@2025-02-25`) at the clock's instant; with a campaign
 * configured, the key must be one of its deadlines. Late submissions are
 * recorded as they are: the reports say they were late.
 *
 * @example
 * ```ts
 * await ledger.recordSubmission(policeOfficer, { deadline: "first-round@2024-11-28" });
 * ```
 * @since 0.3.0
 */
export const recordSubmission = (actor: Actor, input: { readonly deadline: string }) =>
  useCase("record-submission", actor, async (work: Work<AccessDenied | ValidationError>) => {
      requireRole(work, ["coordinator", "township-leadership", "unit-officer", "village-committee"], { action: "record-submission", entity: "submission" });
      const deadline = decodeAt(work, Text(100), input.deadline, ["deadline"]);
      if (work.env.campaign !== undefined && deadlineByKey(work.env.campaign, deadline) === undefined) {
        return work.fail(invalid(["deadline"], `专项行动没有节点 ${deadline}`, `the campaign has no deadline ${deadline}`));
      }
      const unit = work.env.unitById.get(work.ctx.actor.unit)!;
      const row: SubmissionRow = { id: work.env.ids.next(), version: 1, unit: unit.id, jurisdiction: unit.jurisdiction, deadline, submittedAt: work.now };
      await work.tx.submissions.insert(row);
      work.audit({ action: "record-submission", entity: "submission", id: row.id, jurisdiction: unit.jurisdiction, fields: ["submission"], note: { deadline } });
      return { id: row.id, unit: row.unit, deadline: row.deadline, submittedAt: row.submittedAt };
  });
