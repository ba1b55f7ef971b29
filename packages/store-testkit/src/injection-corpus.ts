/**
 * One string of the injection corpus and the family of attack it belongs to.
 * @since 0.5.0
 */
export interface InjectionCorpusEntry {
  readonly family: InjectionFamily;
  readonly text: string;
}

/**
 * The families of the corpus:
 * - `tautology`: quotes closed early around an always-true condition;
 * - `stacked`: a second statement against each table of the SQL store
 *   (`tiaojie_…`, as `@tiaojie/store-kysely` names them) and generic names;
 * - `comment`: the comment markers of every SQL dialect, alone and after a quote;
 * - `mysql`: backslash escapes (`\'`, `\\`, `\0`, `\Z`, `\%`, `\_`), strings
 *   that break out only when `NO_BACKSLASH_ESCAPES` is off (or only when it is
 *   on), `?`/`??` placeholders of mysql2, the GBK multi-byte quote trick;
 * - `postgres`: dollar quoting (`$$`, `$tag$`), `E'…'` and `U&'…'` escapes,
 *   casts, `$1` placeholders, `pg_sleep(0)` (never a real wait), transaction
 *   control;
 * - `sqlite`: `ATTACH DATABASE`, `||` concatenation, pragmas, `GLOB`;
 * - `like`: LIKE and GLOB wildcards, alone and around a division code;
 * - `unicode`: quote, semicolon and backslash look-alikes (U+2019, U+FF07,
 *   U+FF02, U+FF1B, U+FF3C…), invisible and direction characters, text outside
 *   the Basic Multilingual Plane, Chinese text mixed with quotes;
 * - `json`: strings that break JSON or a JSON-building store (`"}`, `\u0000`
 *   spelt out, NoSQL operators, `__proto__`, JSON literals);
 * - `control`: control characters (Ctrl-Z, CR LF, DEL, the line separators);
 * - `nul`: strings with U+0000, which some databases refuse in text columns;
 * - `long`: strings far longer than any column of a short type (over 64 KiB,
 *   MySQL's `TEXT` limit, once encoded).
 * @since 0.5.0
 */
export type InjectionFamily = "tautology" | "stacked" | "comment" | "mysql" | "postgres" | "sqlite" | "like" | "unicode" | "json" | "control" | "nul" | "long";

// The table names of the SQL store (packages/store-kysely/src/schema/tables.ts).
// The kit does not depend on that package, so they are spelt out here: a
// statement that names a real table is the one that would do harm.
const sqlTables = [
  "tiaojie_dispute",
  "tiaojie_dispute_party",
  "tiaojie_person",
  "tiaojie_person_key",
  "tiaojie_listing",
  "tiaojie_task",
  "tiaojie_grade",
  "tiaojie_submission",
  "tiaojie_hazard",
  "tiaojie_idempotency",
  "tiaojie_audit",
] as const;

// Each table meets another kind of statement, so that every table and every
// kind of harm appear.
const stackedForms: ReadonlyArray<(table: string) => string> = [
  (t) => `'; DROP TABLE ${t}; --`,
  (t) => `"; DROP TABLE ${t}; --`,
  (t) => `'); DELETE FROM ${t}; --`,
  (t) => `'; TRUNCATE ${t}; #`,
  (t) => `'; UPDATE ${t} SET version = 0; --`,
  (t) => `1; DROP TABLE IF EXISTS ${t} CASCADE`,
];

const entries = (family: InjectionFamily, texts: ReadonlyArray<string>): ReadonlyArray<InjectionCorpusEntry> => texts.map((text) => ({ family, text }));

/**
 * The corpus, by family: strings that break out of a string literal in SQL
 * (and in JSON), or would if a store built its statements by concatenation or
 * escaped them by hand. A store that binds parameters keeps every one of them
 * as it is. No string sleeps for more than 0 seconds or touches a file that
 * matters, even if some store did run it.
 *
 * @example
 * ```ts
 * import { injectionCorpusEntries } from "@tiaojie/store-testkit";
 *
 * injectionCorpusEntries.filter((e) => e.family === "postgres").map((e) => e.text); // ["$$", "$tag$ ' $tag$", …]
 * ```
 * @since 0.5.0
 */
export const injectionCorpusEntries: ReadonlyArray<InjectionCorpusEntry> = [
  ...entries("tautology", [
    "' OR '1'='1",
    "' OR 1=1 --",
    "' OR ''='",
    "') OR ('1'='1",
    "\" OR \"\"=\"",
    "\" OR 1=1 --",
    "admin'--",
    "1 OR 1=1",
    "x' AND 1=0 UNION SELECT id, body FROM tiaojie_person --",
    "' UNION ALL SELECT NULL, NULL, NULL #",
  ]),
  ...entries("stacked", [
    "'; DROP TABLE disputes; --",
    ...sqlTables.map((t, i) => stackedForms[i % stackedForms.length]!(t)),
    "'; INSERT INTO tiaojie_audit (chain, seq, hash, body) VALUES ('x', 1, 'x', '{}'); --",
  ]),
  ...entries("comment", ["--", "-- ", "#", "/*", "*/", "/* */", "a'/**/OR/**/'1'='1", "'#", "'--", "/*! SELECT 1 */", "x';--\n' OR 1=1"]),
  ...entries("mysql", [
    "\\'",
    "\\\\",
    "\\0",
    "\\Z",
    "\\%",
    "\\_",
    "\\' OR 1=1 -- ",
    "\\\\'; DROP TABLE tiaojie_person; -- ",
    "''\\''",
    "' OR SLEEP(0) #",
    "? OR 1=1",
    "?? ?",
    "¿' OR 1=1 --",
    "縗' OR 1=1 --",
    "0x27204f5220313d31",
    "CHAR(39)",
  ]),
  ...entries("postgres", [
    "$$",
    "$$; DROP TABLE tiaojie_hazard; $$",
    "$tag$ ' $tag$",
    "E'\\\\x27'",
    "E'\\x27 OR 1=1 --",
    "U&'\\0027' OR 1=1",
    "'::text",
    "1::int; --",
    "' || pg_sleep(0) || '",
    "'; SELECT pg_sleep(0); --",
    "'; COMMIT; BEGIN; --",
    "'; ROLLBACK; --",
    "$1",
    "$2::text",
    "\\copy tiaojie_audit to '/dev/null'",
  ]),
  ...entries("sqlite", [
    "'; ATTACH DATABASE '/tmp/tiaojie-injected.db' AS x; --",
    "'||'",
    "' || sqlite_version() || '",
    "'; PRAGMA writable_schema = 1; --",
    "' GLOB '*",
    "x' ESCAPE '\\",
  ]),
  ...entries("like", ["%", "_", "%%", "_%_", "5323%", "532301101201%", "53230110120_", "[a-z]", "[^a]", "*", "a_b%c"]),
  ...entries("unicode", [
    "’ OR ’1’=’1",
    "＇ OR ＇1＇=＇1",
    "‘; DROP TABLE tiaojie_listing; --",
    "“ OR “”=“",
    "＂ OR ＂＂=＂",
    "ʼ OR ʼ1ʼ=ʼ1",
    "′ OR ′1′=′1",
    "＼＇；DROP TABLE tiaojie_task；－－",
    "\\u0027 OR 1=1",
    "\u202e' OR 1=1 --",
    "\ufeff'; --",
    "a\u200db'\u200b--",
    "🙂' OR '🙂'='🙂",
    "𠀋𠀌'; --",
    "张三'; DROP TABLE tiaojie_person; --",
    "李四\" OR \"1\"=\"1",
    "紫溪镇‘龙潭村’' OR 1=1 #",
    "调解员：王五\\'；",
    "“引号”与'单引号'及\\反斜杠",
    "邻里纠纷%_通配",
  ]),
  ...entries("json", [
    "\"}",
    "\"},{\"id\":\"x\",\"version\":99}",
    "\\\"",
    "\\u0000",
    "\\ud800",
    "{\"$ne\":null}",
    "{\"$gt\":\"\"}",
    "__proto__",
    "constructor",
    "{\"__proto__\":{\"polluted\":1}}",
    "'\"}]}",
    "null",
    "true",
    "-0",
    "1e309",
    "",
    " ",
    "  spaced out  ",
    "tj1.' OR '1'='1.AAAA.AAAA.AAAA",
    "AA==",
  ]),
  ...entries("control", ["\u001a", "\r\n", "\t'\t", "\b", "\u007f", "\u2028\u2029", "line\nbreak'\n--"]),
  ...entries("nul", ["\u0000", "a\u0000b", "'\u0000' OR 1=1 --", "\u0000'; DROP TABLE tiaojie_audit; --", "王\u0000五"]),
  ...entries("long", ["'".repeat(70_000), "中' OR 1=1 -- ".repeat(4_500), "\\".repeat(40_000) + "'"]),
];

/**
 * The corpus's strings, each once (see {@link injectionCorpusEntries} for
 * their families): at least 60 of them, for integrators to run through their
 * own stores and APIs.
 *
 * @example
 * ```ts
 * import { injectionCorpus } from "@tiaojie/store-testkit";
 *
 * for (const text of injectionCorpus) await api.post("/disputes", { ...dispute, summary: text });
 * ```
 * @since 0.5.0
 */
export const injectionCorpus: ReadonlyArray<string> = injectionCorpusEntries.map((e) => e.text);
