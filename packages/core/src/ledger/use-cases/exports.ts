import { Schema } from "effect";
import type { Actor } from "../../model/actor.js";
import { type DivisionCode, DivisionCode as DivisionCodeSchema, isWithinDivision } from "../../model/division-code.js";
import { Text } from "../../model/primitives.js";
import type { ExportDataset } from "../../exchange/sheet.js";
import type { ValidationError } from "../../validation/validation-error.js";
import { decodeAt } from "../decode-input.js";
import { AccessDenied } from "../ledger-errors.js";
import { type Work, useCase } from "../unit-of-work.js";

/**
 * An export to record in the audit trail: what left the ledger, in which format,
 * how many rows, for which purpose, and which fields beyond the public ones it
 * showed.
 * @since 0.5.0
 */
export interface ExportRecord {
  readonly dataset: ExportDataset;
  /** The exporter's format, e.g. `csv`. */
  readonly format: string;
  readonly rows: number;
  /** Why the data leaves the ledger (100 characters at most), e.g. 月度上报. */
  readonly purpose: string;
  /** @default the actor's scope */
  readonly within?: DivisionCode;
  /** The fields shown that are not public (for example `person.name`). @default [] */
  readonly fields?: ReadonlyArray<string>;
  /** The SHA-256 (64 lowercase hex digits) of what was exported, when the file carries it (a ledger bundle's records). @default absent */
  readonly digest?: string;
}

const Dataset = Schema.Literal("disputes", "support-registry", "monthly-summary");
const Format = Text(40);
const Purpose = Text(100);
const Rows = Schema.Int.pipe(Schema.nonNegative());
const Digest = Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/));

/**
 * Records an export in the audit trail, as one event (`action: "export"`, the
 * ledger of the division as its entity), after the reads it made through the
 * ledger were each audited. {@link exportLedger} calls it once a file is
 * complete; an integrator's own exporter that reads through the ledger calls it
 * the same way.
 *
 * @example
 * ```ts
 * await ledger.recordExport(officer, { dataset: "disputes", format: "csv", rows: 120, purpose: "月度上报" });
 * ```
 * @since 0.5.0
 */
export const recordExport = (actor: Actor, input: ExportRecord) =>
  useCase("record-export", actor, async (work: Work<AccessDenied | ValidationError>) => {
    const dataset = decodeAt(work, Dataset, input.dataset, ["dataset"]);
    const format = decodeAt(work, Format, input.format, ["format"]);
    const rows = decodeAt(work, Rows, input.rows, ["rows"]);
    const purpose = decodeAt(work, Purpose, input.purpose, ["purpose"]);
    const within = input.within === undefined ? work.ctx.actor.scope : decodeAt(work, DivisionCodeSchema, input.within, ["within"]);
    if (!isWithinDivision(within, work.ctx.actor.scope)) return work.fail(new AccessDenied({ action: "record-export", entity: "ledger", id: within, reason: "out-of-scope" }));
    const digest = input.digest === undefined ? undefined : decodeAt(work, Digest, input.digest, ["digest"]);
    const fields = [...new Set(input.fields ?? [])].sort();
    work.audit({ action: "export", entity: "ledger", id: `${within}:${dataset}`, jurisdiction: within, fields, purpose, note: { format, rows, ...(digest === undefined ? {} : { digest }) } });
    return { dataset, format, rows };
  });
