import { describe, expect, it } from "vitest";
import { collectionNames, oneRow } from "./fixtures/kit-collections.js";
import { auditEvent } from "./fixtures/kit-audit-events.js";
import { injectionCorpus, injectionCorpusEntries } from "./injection-corpus.js";
import { eventFields, keyPool, nulStrings, rowFields, textPool } from "./injection-rows.js";
import { suiteNames } from "./suite-names.js";

// The corpus and the suite's table of string fields, checked on their own: a
// string lost from the corpus, or a string field added to the kit's rows and
// not to the suite, fails here before any store runs.

const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("injectionCorpus", () => {
  it("holds at least 60 distinct, well-formed strings of every family", () => {
    expect(injectionCorpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(injectionCorpus).size, "each string once").toBe(injectionCorpus.length);
    expect(injectionCorpus.filter((s) => loneSurrogate.test(s)), "no lone surrogates").toEqual([]);
    expect(injectionCorpus).toEqual(injectionCorpusEntries.map((e) => e.text));
    const families = new Set(injectionCorpusEntries.map((e) => e.family));
    expect([...families].sort()).toEqual(["comment", "control", "json", "like", "long", "mysql", "nul", "postgres", "sqlite", "stacked", "tautology", "unicode"]);
  });

  it("names every table of the SQL store in a stacked statement, and carries the strings the issue lists", () => {
    const tables = ["tiaojie_dispute", "tiaojie_dispute_party", "tiaojie_person", "tiaojie_person_key", "tiaojie_listing", "tiaojie_task", "tiaojie_grade", "tiaojie_submission", "tiaojie_hazard", "tiaojie_idempotency", "tiaojie_audit"];
    const stacked = injectionCorpusEntries.filter((e) => e.family === "stacked").map((e) => e.text);
    for (const t of tables) expect(stacked.some((s) => new RegExp(`\\b${t}\\b`).test(s)), `a stacked statement names ${t}`).toBe(true);
    for (const s of ["' OR '1'='1", "\" OR \"\"=\"", "'; DROP TABLE disputes; --", "--", "#", "/* */", "\\'", "\\\\", "\\0", "%", "_", "\\Z", "$$", "E'\\\\x27'", "'::text", "'||'", "\"}", "\\u0000"]) {
      expect(injectionCorpus, `the corpus holds ${JSON.stringify(s)}`).toContain(s);
    }
    expect(injectionCorpus.some((s) => s.includes("\u2019")), "U+2019").toBe(true);
    expect(injectionCorpus.some((s) => s.includes("\uff07")), "U+FF07 fullwidth apostrophe").toBe(true);
    expect(injectionCorpus.some((s) => s.includes("pg_sleep(0)")) && !injectionCorpus.some((s) => /pg_sleep\((?!0\))/.test(s)), "pg_sleep, never longer than 0").toBe(true);
    expect(injectionCorpus.some((s) => /ATTACH DATABASE/.test(s)), "ATTACH DATABASE").toBe(true);
    expect(injectionCorpus.some((s) => /[\u4e00-\u9fff].*['"]|['"].*[\u4e00-\u9fff]/.test(s)), "Chinese text with quotes").toBe(true);
  });

  it("has strings with U+0000 kept apart, and long strings over MySQL's 64 KiB TEXT limit", () => {
    expect(nulStrings.length).toBeGreaterThanOrEqual(3);
    expect(textPool.some((s) => s.includes("\u0000"))).toBe(false);
    expect(injectionCorpus.filter((s) => utf8Bytes(s) > 65_535).length, "strings longer than 65 535 bytes").toBeGreaterThanOrEqual(2);
    expect(keyPool.every((s) => s.length <= 64)).toBe(true);
    expect(keyPool.length, "most of the corpus fits a key field").toBeGreaterThan(injectionCorpus.length * 0.8);
  });
});

describe("the injection suite's string fields", () => {
  it("name every top-level string field of the kit's rows of every collection, and of an audit event", () => {
    for (const name of collectionNames) {
      const named = new Set(rowFields[name].map((f) => f.path[0]));
      for (let salt = 0; salt < 40; salt++) {
        const row = oneRow(name, `r-${salt}`, 1, salt) as unknown as Record<string, unknown>;
        const strings = Object.entries(row).filter(([, v]) => typeof v === "string" || (Array.isArray(v) && v.some((x) => typeof x === "string")));
        for (const [key] of strings) expect(named.has(key), `${name}.${key} is a string field of the kit's rows: add it to rowFields`).toBe(true);
      }
    }
    const event = auditEvent("532301101000", 1) as unknown as Record<string, unknown>;
    const named = new Set(eventFields.map((f) => f.path[0]));
    for (const [key, v] of Object.entries(event)) {
      const hasString = typeof v === "string" || (typeof v === "object" && v !== null && Object.values(v).some((x) => typeof x === "string"));
      if (hasString) expect(named.has(key), `audit event ${key} holds strings: add it to eventFields`).toBe(true);
    }
  });

  it("are a suite of the kit", () => {
    expect(suiteNames.filter((n) => n === "injection")).toEqual(["injection"]);
    expect(suiteNames.indexOf("injection")).toBeLessThan(suiteNames.indexOf("read-only"));
  });
});
