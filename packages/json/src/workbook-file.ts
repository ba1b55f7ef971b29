import { LocalDate, RiskLevels, jsonSchema } from "@tiaojie/core";
import { Schema } from "effect";

// The JSON form of a workbook, as one file (JSON) or one value a line (NDJSON):
// every sheet with its columns, every cell as the sheet model has it (a day as
// `{ "date" }`, a level as `{ "level", "label" }`), so a file reads back exactly.

const Bilingual = Schema.Struct({ zh: Schema.String, en: Schema.String });

const Cell = Schema.Union(
  Schema.String,
  Schema.Number,
  Schema.Boolean,
  Schema.Null,
  Schema.Struct({ date: LocalDate }),
  Schema.Struct({ level: RiskLevels.schema, label: Schema.String }),
).annotations({ identifier: "SheetCell", description: "一个单元格 / a cell" });

const Column = Schema.Struct({
  key: Schema.String,
  zh: Schema.String,
  en: Schema.String,
  kind: Schema.Literal("text", "integer", "number", "date", "boolean", "level"),
  width: Schema.Number,
}).annotations({ identifier: "SheetColumn" });

const Dataset = Schema.Literal("disputes", "support-registry", "monthly-summary");
const Lang = Schema.Literal("zh", "en");

/**
 * A sheet in a JSON workbook file: its name, columns and rows.
 * @since 0.5.0
 */
export const SheetJson = Schema.Struct({
  name: Bilingual,
  columns: Schema.Array(Column),
  rows: Schema.Array(Schema.Array(Cell)),
}).annotations({ identifier: "SheetJson" });

/**
 * A JSON workbook file (`format: "tiaojie-workbook"`): the dataset, its title,
 * the language the exporter wrote (of labels and of the header rows a reader
 * gives back), and the sheets.
 * @since 0.5.0
 */
export const WorkbookFile = Schema.Struct({
  format: Schema.Literal("tiaojie-workbook"),
  version: Schema.Literal(1),
  dataset: Dataset,
  title: Bilingual,
  lang: Lang,
  sheets: Schema.Array(SheetJson),
}).annotations({ identifier: "WorkbookFile", description: "台账工作簿（JSON） / ledger workbook (JSON)" });
/** @since 0.5.0 */
export type WorkbookFile = Schema.Schema.Type<typeof WorkbookFile>;

/**
 * The lines of an NDJSON workbook file: first the file's head, then for each
 * sheet its head followed by one line a row.
 * @since 0.5.0
 */
export const NdjsonLine = Schema.Union(
  Schema.Struct({ format: Schema.Literal("tiaojie-workbook-ndjson"), version: Schema.Literal(1), dataset: Dataset, title: Bilingual, lang: Lang }),
  Schema.Struct({ sheet: Schema.Struct({ name: Bilingual, columns: Schema.Array(Column) }) }),
  Schema.Struct({ row: Schema.Array(Cell) }),
).annotations({ identifier: "NdjsonLine", description: "NDJSON 台账的一行 / one line of an NDJSON ledger" });
/** @since 0.5.0 */
export type NdjsonLine = Schema.Schema.Type<typeof NdjsonLine>;

/**
 * The JSON Schema (draft-07) of a JSON workbook file, for systems that check a
 * file before they read it.
 *
 * @example
 * ```ts
 * import { workbookJsonSchema } from "@tiaojie/json";
 *
 * writeFileSync("workbook.schema.json", JSON.stringify(workbookJsonSchema(), null, 2));
 * ```
 * @since 0.5.0
 */
export const workbookJsonSchema = (): ReturnType<typeof jsonSchema> => jsonSchema(WorkbookFile);

/** The JSON Schema (draft-07) of one line of an NDJSON workbook file. @since 0.5.0 */
export const ndjsonLineJsonSchema = (): ReturnType<typeof jsonSchema> => jsonSchema(NdjsonLine);
