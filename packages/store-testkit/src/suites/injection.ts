import { fc, test } from "@fast-check/vitest";
import type { AuditEventRow, DisputeCount, DisputeRow, DivisionCode, RowBase } from "@tiaojie/core";
import { afterAll, describe, expect, it } from "vitest";
import { oracleCounts } from "../count-oracle.js";
import { baselineRows, chainA, writeBaseline } from "../fixtures/kit-baseline.js";
import { type CollectionName, collectionNames, scopedNames } from "../fixtures/kit-collections.js";
import { prefecture, villages } from "../fixtures/kit-divisions.js";
import { describeError } from "../fixtures/kit-ledger.js";
import { oracleMatches } from "../find-oracle.js";
import { injectionCorpus } from "../injection-corpus.js";
import { asLedgerText, dealCorpus, throughLedger } from "../injection-ledger.js";
import {
  type Everything,
  anyCollection,
  baselineIds,
  copy,
  filterQueries,
  findEvery,
  optionalRaw,
  readEverything,
  rowsChanged,
  sortedById,
  stringFilters,
  wildcardScopes,
  without,
} from "../injection-queries.js";
import {
  type Difference,
  type StringField,
  KEY_MAX,
  SALT,
  corpusEvents,
  corpusRows,
  differences,
  eventFields,
  eventOf,
  f,
  filterRows,
  hasNul,
  idField,
  keyPool,
  nulStrings,
  placeSuffixes,
  placeValue,
  plainPick,
  read,
  rowFields,
  rowOf,
  show,
  textPool,
  verbatimCount,
} from "../injection-rows.js";
import type { SuiteContext } from "../suite-context.js";

// The injection corpus (injection-corpus.ts) through every string field of
// every collection's rows and of audit events (injection-rows.ts), through
// the filters and scopes that take strings (injection-queries.ts), and through
// the ledger's free text (injection-ledger.ts). A store that binds its
// parameters and keeps what it is given passes; one that builds statements by
// concatenation, escapes by hand, or changes text on the way (a column that
// truncates or pads, a driver or decoder that strips, a JSON encoding that
// breaks) fails with the collection, the field and the string.
//
// Strings with U+0000 go through probes of their own: a store may refuse them
// (PostgreSQL's text cannot hold it), but only by rejecting the transaction,
// with an error of its own type, leaving nothing behind.

// The figures, printed once per store after the suite.

interface Figures {
  fieldsWritten: number;
  verbatim: number;
  otherRowsChanged: number;
  queries: number;
  overMatches: number;
  missed: number;
  nulAccepted: number;
  nulRefused: number;
  nulErrors: Set<string>;
  nulPartial: number;
  scopeQueries: number;
  scopeOverMatches: number;
  scopeRefused: number;
  ledgerStrings: number;
  ledgerVerbatim: number;
  ledgerSkipped: number;
  ledgerNulRefused: number;
  /** Ledger runs that got to the end: every string compared and the audit trail verified. */
  ledgerVerified: number;
}

const stringFieldCount = collectionNames.reduce((n, name) => n + rowFields[name].length, eventFields.length);

export const injectionSuite = (ctx: SuiteContext): void => {
  const figures: Figures = {
    fieldsWritten: 0,
    verbatim: 0,
    otherRowsChanged: 0,
    queries: 0,
    overMatches: 0,
    missed: 0,
    nulAccepted: 0,
    nulRefused: 0,
    nulErrors: new Set(),
    nulPartial: 0,
    scopeQueries: 0,
    scopeOverMatches: 0,
    scopeRefused: 0,
    ledgerStrings: 0,
    ledgerVerbatim: 0,
    ledgerSkipped: 0,
    ledgerNulRefused: 0,
    ledgerVerified: 0,
  };
  const pageSize = (): number => Math.min(ctx.capabilities().maxPageSize, 500);

  afterAll(() => {
    const n = figures;
    console.log(
      `injection [${ctx.name}]: ${injectionCorpus.length} corpus strings (${textPool.length} without U+0000, ${keyPool.length} of them short enough for key fields) × ${stringFieldCount} string fields, ` +
        `${n.fieldsWritten} field writes, verbatim ${n.verbatim}/${n.fieldsWritten} from get and find, other rows changed ${n.otherRowsChanged}`,
    );
    console.log(`injection [${ctx.name}]: filters: ${n.queries} queries with corpus strings, ${n.overMatches} rows kept that the port's oracle does not keep, ${n.missed} missed`);
    console.log(`injection [${ctx.name}]: scope: ${n.scopeQueries} finds with a corpus string or wildcard as within, ${n.scopeOverMatches} rows kept outside the scope, ${n.scopeRefused} refused`);
    console.log(
      `injection [${ctx.name}]: U+0000: accepted verbatim in ${n.nulAccepted} fields, refused in ${n.nulRefused}${n.nulErrors.size === 0 ? "" : ` (${[...n.nulErrors].join(", ")})`}, ${n.nulPartial} partial writes`,
    );
    console.log(
      `injection [${ctx.name}]: ledger: ${n.ledgerVerbatim}/${n.ledgerStrings} free-text strings read back verbatim, ${n.ledgerSkipped} corpus strings too long for any field, ${n.ledgerNulRefused} registrations with U+0000 refused; the audit trail verified after ${n.ledgerVerified} runs`,
    );
  });

  for (const name of collectionNames) {
    it(`${name}: every corpus string in every string field comes back verbatim from get and find, through insert and update; remove takes them all away and nothing else changes`, async () => {
      const store = ctx.store();
      const raw = optionalRaw(ctx);
      await writeBaseline(store, SALT);
      const v1 = corpusRows(name, 1);
      const ids = new Set(v1.map((r) => r.id));
      const before = await readEverything(store, pageSize(), baselineIds);
      const rawBefore = await raw?.snapshot();
      const fields = rowFields[name];

      const check = async (written: ReadonlyArray<RowBase>, what: string): Promise<void> => {
        const gets = await store.transact(async (tx) => {
          const c = anyCollection(tx, name);
          const got: Array<RowBase | undefined> = [];
          for (const row of written) got.push(await c.get(row.id));
          return got;
        });
        // What find returns, with every other collection (idempotency has no
        // find: its rows are the baseline's, read by get, and those just got).
        const now = await readEverything(store, pageSize(), baselineIds);
        const found = name === "idempotency" ? [...now.rows[name], ...gets.filter((r): r is RowBase => r !== undefined)] : now.rows[name];
        const byIdFound = new Map(found.map((r) => [r.id, r]));
        const foundInOrder = written.map((r) => byIdFound.get(r.id));
        const problems = [...differences(`${name} ${what}, get`, fields, written, gets), ...differences(`${name} ${what}, find`, fields, written, foundInOrder)];
        figures.fieldsWritten += written.length * fields.length;
        figures.verbatim += verbatimCount(written.length, fields.length, problems);
        expect(problems.map((p) => p.message), `${name} ${what}: strings that did not come back verbatim`).toEqual([]);
        written.forEach((row, i) => expect(gets[i], `${name} ${what}: get ${show(row.id)} returns the row as written`).toStrictEqual(row));
        expect(found.length, `${name} ${what}: ${name === "idempotency" ? "get" : "find over the prefecture"} returns the baseline and the corpus rows, no more`).toBe(written.length + before.rows[name].length);
        const changed = rowsChanged(before, without(now, name, ids));
        figures.otherRowsChanged += changed;
        expect(without(now, name, ids), `${name} ${what}: every other row and event is as it was`).toStrictEqual(before);
      };

      await store.transact(async (tx) => {
        const c = anyCollection(tx, name);
        for (const row of v1) expect(await c.insert(copy(row)), `${name}: insert of ${show(row.id)}`).toBe("done");
      });
      await check(v1, "after insert");
      const v2 = corpusRows(name, 2);
      await store.transact(async (tx) => {
        const c = anyCollection(tx, name);
        for (const row of v2) expect(await c.update(copy(row), 1), `${name}: update of ${show(row.id)}`).toBe("done");
      });
      await check(v2, "after update");
      await store.transact(async (tx) => {
        const c = anyCollection(tx, name);
        for (const row of v2) expect(await c.remove(row.id, 2), `${name}: remove of ${show(row.id)}`).toBe("done");
      });
      // For idempotency, get of every corpus id too: each must be gone.
      const last = await readEverything(store, pageSize(), name === "idempotency" ? [...baselineIds, ...ids] : baselineIds);
      expect(last, `${name}: once the corpus rows are removed everything is as before`).toStrictEqual(before);
      if (raw !== undefined) expect(await raw.snapshot(), `${name}: once the corpus rows are removed the raw snapshot is as before`).toStrictEqual(rawBefore);
    }, ctx.timeout);
  }

  it("audit events: every corpus string in every string field of an event, on chains named by corpus strings, comes back verbatim from list and head; other chains and rows are unchanged", async () => {
    const store = ctx.store();
    const raw = optionalRaw(ctx);
    await writeBaseline(store, SALT);
    const before = await readEverything(store, pageSize(), baselineIds);
    const events = corpusEvents();
    await store.transact(async (tx) => {
      for (const e of events) expect(await tx.audit.append(copy(e)), `append of ${show(e.id)} at seq ${e.seq} of chain ${show(e.chain)}`).toBe("done");
    });
    const byChain = new Map<string, AuditEventRow[]>();
    for (const e of events) byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
    const { lists, heads, chains } = await store.transact(async (tx) => {
      const lists = new Map<string, ReadonlyArray<AuditEventRow>>();
      const heads = new Map<string, unknown>();
      for (const chain of byChain.keys()) {
        lists.set(chain, await tx.audit.list(chain, 0, 100_000));
        heads.set(chain, await tx.audit.head(chain));
      }
      return { lists, heads, chains: await tx.audit.chains() };
    });
    const written = [...byChain.values()].flat();
    const got = [...byChain.keys()].flatMap((chain) => {
      const list = lists.get(chain) ?? [];
      return byChain.get(chain)!.map((e) => list.find((x) => x.seq === e.seq));
    });
    const problems = differences("audit list", eventFields, written, got);
    figures.fieldsWritten += written.length * eventFields.length;
    figures.verbatim += verbatimCount(written.length, eventFields.length, problems);
    expect(problems.map((p) => p.message), "audit: strings that did not come back verbatim").toEqual([]);
    for (const [chain, expected] of byChain) {
      expect(lists.get(chain), `list of chain ${show(chain)}`).toStrictEqual(expected);
      expect(heads.get(chain), `head of chain ${show(chain)}`).toStrictEqual({ seq: expected.at(-1)!.seq, hash: expected.at(-1)!.hash });
      if (raw !== undefined) expect(await raw.auditEvents(chain), `raw.auditEvents of chain ${show(chain)}`).toStrictEqual(expected);
    }
    expect([...chains].sort(), "chains: the baseline's and the corpus's, each once").toStrictEqual([...new Set([...before.chains, ...byChain.keys()])].sort());
    const now = await readEverything(store, pageSize(), baselineIds);
    const others: Everything = { ...now, chains: now.chains.filter((c) => !byChain.has(c)), events: now.events.filter(([c]) => !byChain.has(c)) };
    const changed = rowsChanged(before, others);
    figures.otherRowsChanged += changed;
    expect(others, "audit: every row and the baseline's chain are as they were").toStrictEqual(before);
  }, ctx.timeout);

  for (const name of scopedNames) {
    it(`${name}: filters given corpus strings, and values a quote, comment, wildcard or space away from stored ones, keep exactly the rows the port's oracle keeps, and change nothing`, async () => {
      const store = ctx.store();
      await writeBaseline(store, SALT);
      const rows = filterRows(name);
      await store.transact(async (tx) => {
        const c = anyCollection(tx, name);
        for (const row of rows) expect(await c.insert(copy(row)), `${name}: insert of ${show(row.id)}`).toBe("done");
      });
      const all = [...baselineRows(name, SALT), ...rows] as unknown as ReadonlyArray<never>;
      const before = await readEverything(store, pageSize(), baselineIds);
      const problems: string[] = [];
      await store.transact(async (tx) => {
        const c = anyCollection(tx, name);
        const counts = name === "disputes" ? tx.disputeCounts : undefined;
        for (const [j, filter] of stringFilters[name].entries()) {
          for (const { where, count } of filterQueries(name, filter, j)) {
            figures.queries++;
            const expected = oracleMatches(name, all, { within: prefecture, where: where as never }).map((r) => (r as RowBase).id);
            const got = (await findEvery(c, prefecture, where, pageSize())).map((r) => r.id);
            const over = got.filter((id) => !expected.includes(id));
            const missing = expected.filter((id) => !got.includes(id));
            figures.overMatches += over.length;
            figures.missed += missing.length;
            if (over.length > 0 || missing.length > 0) {
              problems.push(`${name} where ${show(where)}: kept ${over.length} rows it must not (${over.slice(0, 3).map(show).join(", ")}), missed ${missing.length} (${missing.slice(0, 3).map(show).join(", ")})`);
            }
            if (counts !== undefined && count) {
              figures.queries++;
              const query = { within: prefecture, where: where as never };
              const total = (gs: ReadonlyArray<DisputeCount>): number => gs.reduce((n, g) => n + g.count, 0);
              const counted = total(await counts(query));
              const expectedTotal = total(oracleCounts(all as ReadonlyArray<DisputeRow>, query));
              if (counted !== expectedTotal) problems.push(`disputeCounts where ${show(where)}: counted ${counted}, the oracle ${expectedTotal}`);
            }
          }
        }
      });
      expect(problems, `${name}: filters that kept or missed rows`).toEqual([]);
      expect(await readEverything(store, pageSize(), baselineIds), `${name}: the queries changed nothing`).toStrictEqual(before);
    }, ctx.timeout);
  }

  it("find's scope: a corpus string or a LIKE wildcard as `within` keeps only the rows the port's isWithinDivision keeps, or the store refuses it; nothing changes", async () => {
    const store = ctx.store();
    await writeBaseline(store, SALT);
    // A few corpus rows of each collection: jurisdictions a village code followed by a corpus string.
    const extra = new Map(scopedNames.map((n) => [n, filterRows(n).slice(0, 12)] as const));
    await store.transact(async (tx) => {
      for (const [n, rows] of extra) for (const row of rows) expect(await anyCollection(tx, n).insert(copy(row)), `${n}: insert of ${show(row.id)}`).toBe("done");
    });
    const before = await readEverything(store, pageSize(), baselineIds);
    const problems: string[] = [];
    for (const [j, n] of scopedNames.entries()) {
      const all = [...baselineRows(n, SALT), ...extra.get(n)!] as unknown as ReadonlyArray<never>;
      // Every collection meets the wildcards; the corpus strings are shared out among the collections.
      const scopes = [...new Set([...wildcardScopes, ...keyPool.filter((_, i) => i % scopedNames.length === j)])];
      for (const within of scopes) {
        figures.scopeQueries++;
        let got: ReadonlyArray<string>;
        try {
          got = (await store.transact((tx) => findEvery(anyCollection(tx, n), within as DivisionCode, undefined, pageSize()))).map((r) => r.id);
        } catch (error) {
          figures.scopeRefused++;
          expect(error instanceof Error, `${n} within ${show(within)}: refused with ${describeError(error)}, which is not an Error`).toBe(true);
          continue;
        }
        const expected = oracleMatches(n, all, { within: within as DivisionCode }).map((r) => (r as RowBase).id);
        const over = got.filter((id) => !expected.includes(id));
        const missing = expected.filter((id) => !got.includes(id));
        figures.scopeOverMatches += over.length;
        if (over.length > 0 || missing.length > 0) problems.push(`${n} within ${show(within)}: kept ${over.length} rows outside it (${over.slice(0, 3).map(show).join(", ")}), missed ${missing.length}`);
      }
    }
    expect(problems, "scopes that kept or missed rows").toEqual([]);
    expect(await readEverything(store, pageSize(), baselineIds), "the queries changed nothing").toStrictEqual(before);
  }, ctx.timeout);

  // U+0000, one field at a time: each probe writes a canary row, then the row
  // (or event) with the string in that field, in one transaction.
  const nulTargets: ReadonlyArray<readonly [CollectionName | "audit", ReadonlyArray<StringField>]> = [...collectionNames.map((n) => [n, rowFields[n]] as const), ["audit", eventFields]];
  for (const [name, fields] of nulTargets) {
    it(`${name === "audit" ? "audit events" : name}: U+0000 in each string field is kept verbatim, or refused by rejecting the whole transaction with an error of the store's own type, leaving nothing behind`, async () => {
      const store = ctx.store();
      await writeBaseline(store, SALT);
      const probed: CollectionName | undefined = name === "audit" || name === "idempotency" ? undefined : name;
      const countsNow = () =>
        store.transact(async (tx) => ({
          hazards: (await findEvery(anyCollection(tx, "hazards"), prefecture, undefined, pageSize())).length,
          chains: (await tx.audit.chains()).length,
          ...(probed === undefined ? {} : { rows: (await findEvery(anyCollection(tx, probed), prefecture, undefined, pageSize())).length }),
        }));
      const expectedCounts = { ...(await countsNow()) };
      const canaries: RowBase[] = [];
      const accepted: RowBase[] = [];
      for (const [n, field] of fields.entries()) {
        const nul = nulStrings[n % nulStrings.length]!;
        const canaryRow = rowOf("hazards", 1, plainPick(n, idField, `canary-${n}`, `canary-${n}`));
        const row = name === "audit" ? undefined : rowOf(name, 1, plainPick(n, field, nul, `nul-${n}`));
        const event = name === "audit" ? eventOf(1, plainPick(n, field, nul, `nul-${n}`)) : undefined;
        const what = `${name}.${field.field} = ${show(nul)}`;
        let refusal: unknown;
        try {
          await store.transact(async (tx) => {
            expect(await anyCollection(tx, "hazards").insert(copy(canaryRow)), `${what}: the canary row`).toBe("done");
            if (row !== undefined) expect(await anyCollection(tx, name as CollectionName).insert(copy(row)), `${what}: insert`).toBe("done");
            if (event !== undefined) expect(await tx.audit.append(copy(event)), `${what}: append`).toBe("done");
          });
        } catch (error) {
          refusal = error;
        }
        if (refusal === undefined) {
          figures.nulAccepted++;
          canaries.push(canaryRow);
          // The canary is a hazard; so is the probe row when hazards are probed.
          const hazardsAdded = name === "hazards" ? 2 : 1;
          expectedCounts.hazards += hazardsAdded;
          if (event !== undefined) expectedCounts.chains++;
          if ("rows" in expectedCounts) expectedCounts.rows += name === "hazards" ? hazardsAdded : 1;
          const got = await store.transact(async (tx) =>
            row !== undefined
              ? { get: await anyCollection(tx, name as CollectionName).get(row.id), found: probed === undefined ? row : (await findEvery(anyCollection(tx, probed), prefecture, undefined, pageSize())).find((r) => r.id === row.id) }
              : { list: await tx.audit.list(event!.chain, 0, 10) },
          );
          if (row !== undefined) {
            accepted.push(row);
            expect(got.get, `${what}: accepted, so get returns it verbatim`).toStrictEqual(row);
            expect(got.found, `${what}: accepted, so find returns it verbatim`).toStrictEqual(row);
          } else expect(got.list, `${what}: accepted, so list returns it verbatim`).toStrictEqual([event]);
          continue;
        }
        figures.nulRefused++;
        expect(refusal instanceof Error, `${what}: refused with ${describeError(refusal)}, which is not an Error`).toBe(true);
        const error = refusal as Error;
        figures.nulErrors.add(error.name);
        expect([Error, TypeError, RangeError, SyntaxError, ReferenceError].includes(error.constructor as ErrorConstructor), `${what}: refused with a bare ${error.name} (${error.message}): a store refuses with an error of its own type`).toBe(false);
        const after = await countsNow();
        if (JSON.stringify(after) !== JSON.stringify(expectedCounts)) figures.nulPartial++;
        expect(after, `${what}: refused, so neither the row nor the canary written before it in the transaction is kept`).toStrictEqual(expectedCounts);
      }
      // At the end: the baseline, and exactly the accepted probes and their canaries.
      const now = await readEverything(store, pageSize(), [...baselineIds, ...(name === "idempotency" ? accepted.map((r) => r.id) : [])]);
      for (const n of collectionNames) {
        const expected = [...baselineRows(n, SALT), ...(n === name ? accepted : []), ...(n === "hazards" ? canaries : [])] as ReadonlyArray<RowBase>;
        expect(now.rows[n], `${n}: after the probes, exactly the baseline and the accepted probes`).toStrictEqual(sortedById(expected));
      }
      expect(now.chains.length, "the chains: the baseline's and those of the accepted events").toBe(expectedCounts.chains);
      expect(now.events.find(([c]) => c === chainA)?.[1].length, "the baseline's chain is as it was").toBe(2);
    }, ctx.timeout);
  }

  // Random strings around corpus strings, in every field at once.
  const around = (pool: ReadonlyArray<string>, max: number): fc.Arbitrary<string> =>
    fc
      .oneof(
        fc.constantFrom(...pool),
        fc.tuple(fc.string({ unit: "grapheme", maxLength: 4 }), fc.constantFrom(...pool), fc.string({ unit: "grapheme", maxLength: 4 })).map(([a, s, b]) => `${a}${s}${b}`),
      )
      .filter((s) => !hasNul(s) && s.length <= max);
  const fieldArbitrary = (field: StringField): fc.Arbitrary<string> =>
    field.pool === "text"
      ? around(textPool, Number.POSITIVE_INFINITY)
      : field.pool === "key"
        ? around(keyPool, KEY_MAX).filter((s) => !baselineIds.includes(s))
        : fc.tuple(fc.nat({ max: villages.length - 1 }), around(placeSuffixes, KEY_MAX - 12)).map(([i, s]) => placeValue(i, s));
  const strings = (fields: ReadonlyArray<StringField>): fc.Arbitrary<ReadonlyArray<string>> => fc.tuple(...fields.map(fieldArbitrary));
  const everyCollection = fc.record(Object.fromEntries(collectionNames.map((n) => [n, strings(rowFields[n])])) as { [N in CollectionName]: fc.Arbitrary<ReadonlyArray<string>> });

  test.prop([everyCollection, strings(eventFields)], { numRuns: Math.max(3, Math.floor(ctx.runs / 3)) })(
    "random strings around corpus strings, one row of every collection and one event, come back verbatim; their filters keep exactly their rows; nothing else changes",
    async (picked, eventStrings) => {
      const store = ctx.store();
      await writeBaseline(store, SALT);
      const before = await readEverything(store, pageSize(), baselineIds);
      const rows = Object.fromEntries(collectionNames.map((n) => [n, rowOf(n, 1, (_field, k) => picked[n][k]!)])) as Record<CollectionName, RowBase>;
      const event = eventOf(1, (_field, k) => eventStrings[k]!);
      await store.transact(async (tx) => {
        for (const n of collectionNames) expect(await anyCollection(tx, n).insert(copy(rows[n])), `${n}: insert of ${show(rows[n].id)}`).toBe("done");
        expect(await tx.audit.append(copy(event)), `append on chain ${show(event.chain)}`).toBe("done");
      });
      const now = await readEverything(store, pageSize(), [...baselineIds, rows.idempotency.id]);
      const problems: Difference[] = [];
      for (const n of collectionNames) {
        const got = now.rows[n].find((r) => r.id === rows[n].id);
        const found = differences(`${n}, ${n === "idempotency" ? "get" : "find"}`, rowFields[n], [rows[n]], [got]);
        problems.push(...found);
        figures.fieldsWritten += rowFields[n].length;
        figures.verbatim += verbatimCount(1, rowFields[n].length, found);
      }
      const events = now.events.find(([c]) => c === event.chain)?.[1] ?? [];
      const inEvent = differences("audit, list", eventFields, [event], [events[0]]);
      problems.push(...inEvent);
      figures.fieldsWritten += eventFields.length;
      figures.verbatim += verbatimCount(1, eventFields.length, inEvent);
      expect(problems.map((p) => p.message), "strings that did not come back verbatim").toEqual([]);
      for (const n of collectionNames) expect(now.rows[n].find((r) => r.id === rows[n].id), `${n}: the row comes back as written`).toStrictEqual(rows[n]);
      expect(events, "the event's chain holds just the event").toStrictEqual([event]);
      const others: Everything = {
        rows: Object.fromEntries(collectionNames.map((n) => [n, now.rows[n].filter((r) => r.id !== rows[n].id)])) as unknown as Everything["rows"],
        chains: now.chains.filter((c) => c !== event.chain),
        events: now.events.filter(([c]) => c !== event.chain),
      };
      figures.otherRowsChanged += rowsChanged(before, others);
      expect(others, "every other row and event is as it was").toStrictEqual(before);
      await store.transact(async (tx) => {
        for (const n of scopedNames) {
          const all = [...baselineRows(n, SALT), rows[n]] as unknown as ReadonlyArray<never>;
          for (const filter of stringFilters[n]) {
            for (const v of filter.reads.map((p) => read(rows[n], f(p, "key")))) {
              if (typeof v !== "string") continue;
              figures.queries++;
              const where = { [filter.where]: v };
              const expected = oracleMatches(n, all, { within: prefecture, where: where as never }).map((r) => (r as RowBase).id);
              const got = (await findEvery(anyCollection(tx, n), prefecture, where, pageSize())).map((r) => r.id);
              const over = got.filter((id) => !expected.includes(id)).length;
              figures.overMatches += over;
              figures.missed += expected.filter((id) => !got.includes(id)).length;
              expect([...got].sort(), `${n} where ${show(where)}`).toStrictEqual([...expected].sort());
            }
          }
        }
      });
    },
    ctx.timeout,
  );

  describe("through the ledger", () => {
    it("disputes, persons, measures, hazards and read purposes registered with every corpus string that fits come back verbatim from getDispute, listDisputes, getPerson, listHazards and auditTrail; the audit trail verifies", async () => {
      const { cases, hazards, dealt, skipped } = dealCorpus();
      expect(skipped, "only the strings too long for any field are left out").toBe(injectionCorpus.filter((s) => asLedgerText(s, 2000) === undefined).length);
      const seen = await throughLedger(ctx.store(), 20250, cases, hazards);
      figures.ledgerStrings += seen.strings;
      figures.ledgerVerbatim += seen.verbatim;
      figures.ledgerSkipped += skipped;
      figures.ledgerNulRefused += seen.refused;
      figures.ledgerVerified++;
      expect(seen.verbatim, "every string the ledger kept came back verbatim").toBe(seen.strings);
      // Every string dealt was compared (the fillers of fields the corpus left empty beside them), unless its registration was refused for U+0000.
      if (seen.refused === 0) expect(seen.strings, "every corpus string dealt to the ledger was read back and compared").toBeGreaterThanOrEqual(dealt);
    }, ctx.timeout);

    const ledgerText = (max: number): fc.Arbitrary<string> =>
      around(injectionCorpus.filter((s) => !hasNul(s)), max - 2)
        .map((s) => asLedgerText(s, max))
        .filter((s): s is string => s !== undefined);
    test.prop([fc.integer({ min: 1, max: 1_000_000 }), ledgerText(2000), fc.array(ledgerText(100), { minLength: 1, maxLength: 3 }), ledgerText(50), ledgerText(500), ledgerText(100), fc.tuple(ledgerText(200), ledgerText(500), ledgerText(500))], {
      numRuns: Math.max(2, Math.floor(ctx.runs / 6)),
    })("random text around corpus strings in a dispute, its organisations, a person, a measure, a hazard and a read purpose comes back verbatim; the audit trail verifies", async (seed, summary, organisations, name, measure, purpose, [placeText, hazardText, hazardMeasure]) => {
      const seen = await throughLedger(ctx.store(), seed, [{ id: "d-inj-prop", summary, organisations, names: [name], measures: [measure], purposes: [purpose] }], [{ place: placeText, hazard: hazardText, measure: hazardMeasure }]);
      figures.ledgerStrings += seen.strings;
      figures.ledgerVerbatim += seen.verbatim;
      figures.ledgerVerified++;
      expect(seen.verbatim, "every string came back verbatim").toBe(seen.strings);
    }, ctx.timeout);
  });
};
