import type { Ledger } from "../ledger/create-ledger.js";
import type { Actor } from "../model/actor.js";
import { err, ok, type Result } from "../validation/result.js";
import { DatasetNotSupported, type Exporter } from "./exporter.js";
import { ExportInterrupted, type ExportRequest, type LedgerWorkbookError, ledgerWorkbook } from "./ledger-workbook.js";
import type { Workbook } from "./sheet.js";

/**
 * An export under way: its workbook and the file's bytes, to be consumed once.
 * The export is recorded in the audit trail (`recordExport`) when the last byte
 * has been produced; a failure midway rejects the stream with
 * {@link ExportInterrupted}, and the partial file must be discarded.
 * @since 0.5.0
 */
export interface LedgerExport {
  readonly workbook: Workbook;
  /** A file name for it: the dataset and the format's extension, e.g. `disputes.csv`. */
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: AsyncIterable<Uint8Array>;
}

/**
 * Why an export cannot start: the exporter does not write the dataset, or the
 * ledger refused the first read.
 * @since 0.5.0
 */
export type ExportError = DatasetNotSupported | LedgerWorkbookError;

/**
 * Exports a dataset of the ledger through an exporter: the rows are read through
 * the ledger ({@link ledgerWorkbook}: in the actor's scope, redacted for them,
 * every read audited with the purpose), written by the exporter as a stream, and
 * the export itself recorded in the audit trail once complete, with the number of
 * rows and the non-public fields it showed.
 *
 * @example
 * ```ts
 * import { createWriteStream } from "node:fs";
 * import { Readable } from "node:stream";
 * import { pipeline } from "node:stream/promises";
 * import { exportLedger } from "@tiaojie/core";
 * import { csvExporter } from "@tiaojie/csv";
 *
 * const r = await exportLedger(ledger, csvExporter(), officer, { dataset: "disputes", purpose: "月度上报", names: { units } });
 * if (r.ok) await pipeline(Readable.from(r.value.bytes), createWriteStream(r.value.fileName));
 * else console.error(r.error.message);
 * ```
 * @since 0.5.0
 */
export const exportLedger = async (ledger: Ledger, exporter: Exporter, actor: Actor, request: ExportRequest): Promise<Result<LedgerExport, ExportError>> => {
  if (!exporter.capabilities.datasets.includes(request.dataset)) return err(new DatasetNotSupported({ format: exporter.format, dataset: request.dataset }));
  const made = await ledgerWorkbook(ledger, actor, request);
  if (!made.ok) return made;
  const { workbook, rowsWritten, fieldsShown } = made.value;
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield* exporter.write(workbook, request.lang === undefined ? {} : { lang: request.lang });
    const recorded = await ledger.recordExport(actor, {
      dataset: request.dataset,
      format: exporter.format,
      rows: rowsWritten(),
      purpose: request.purpose,
      ...(request.within === undefined ? {} : { within: request.within }),
      fields: fieldsShown(),
    });
    if (!recorded.ok) throw new ExportInterrupted({ reason: recorded.error });
  }
  return ok({ workbook, fileName: `${request.dataset}.${exporter.extension}`, mediaType: exporter.mediaType, bytes: bytes() });
};
