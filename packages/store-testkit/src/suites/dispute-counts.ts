import { fc, test } from "@fast-check/vitest";
import type { DisputeCountQuery, DisputeRow, DivisionCode, LedgerTransaction } from "@tiaojie/core";
import { it } from "vitest";
import { expectCounts, oracleCounts } from "../count-oracle.js";
import { rowArbitraries, rowId } from "../fixtures/kit-collections.js";
import { scopes, townshipOf } from "../fixtures/kit-divisions.js";
import { whereArbitraries } from "../fixtures/kit-where.js";
import type { SuiteContext } from "../suite-context.js";

// `disputeCounts` against the oracle: random disputes of the kit's divisions
// (many sharing the seven grouped columns, or all but one, so that groups hold
// several rows and near misses tell a column left out of the grouping), random scopes and filters (the same as
// `find`'s). Counts are asked after a commit, inside a transaction that has
// inserted, updated and removed disputes of its own (it must count its own
// writes), and after that transaction's commit. The method is optional: a store
// without it shows this suite as one todo.

/** What happens to a row: committed and kept, inserted only in the counting transaction, updated or removed by it. */
type Fate = "kept" | "pending" | "updated" | "removed";

interface Entry {
  readonly first: DisputeRow;
  readonly second: DisputeRow;
  readonly fate: Fate;
}

/** The columns `disputeCounts` groups by. */
const grouped = ["jurisdiction", "domain", "status", "level", "priority", "gradeConfirmed", "leadUnit"] as const;

/**
 * The columns `disputeCounts` groups by taken from another row, but for the
 * one named in `differ` (a near miss: one column tells the groups apart); the
 * township follows the jurisdiction.
 */
const sharing = (row: DisputeRow, like: DisputeRow, differ: (typeof grouped)[number] | undefined): DisputeRow => {
  const out: Record<string, unknown> = { ...row };
  for (const column of grouped) {
    if (column === differ) continue;
    if (like[column] === undefined) delete out[column];
    else out[column] = like[column];
  }
  return { ...(out as unknown as DisputeRow), township: townshipOf(out.jurisdiction as DivisionCode) };
};

const entries: fc.Arbitrary<ReadonlyArray<Entry>> = fc.uniqueArray(rowId, { minLength: 8, maxLength: 24 }).chain((ids) =>
  fc
    .tuple(
      ...ids.map((id) =>
        fc.record({
          first: rowArbitraries.disputes(id, 1),
          second: rowArbitraries.disputes(id, 2),
          fate: fc.constantFrom<Fate>("kept", "kept", "pending", "updated", "removed"),
          like: fc.option(fc.record({ row: fc.nat(), differ: fc.constantFrom(undefined, ...grouped) }), { nil: undefined }),
        }),
      ),
    )
    .map((drawn) => {
      const out: Array<Entry> = [];
      for (const [i, e] of drawn.entries()) {
        // About half the rows share their grouped columns (all, or all but one) with an earlier row.
        const like = e.like === undefined || i === 0 ? undefined : { row: out[e.like.row % i]!.first, differ: e.like.differ };
        out.push({
          first: like === undefined ? e.first : sharing(e.first, like.row, like.differ),
          second: like === undefined ? e.second : sharing(e.second, like.row, like.differ),
          fate: e.fate,
        });
      }
      return out;
    }),
);

const queries: fc.Arbitrary<ReadonlyArray<DisputeCountQuery>> = fc.array(
  fc.record({ within: fc.constantFrom<DivisionCode>(...scopes), where: whereArbitraries.disputes }, { requiredKeys: ["within"] }).map((q) => q as DisputeCountQuery),
  { minLength: 1, maxLength: 4 },
);

export const disputeCountsSuite = async (ctx: SuiteContext): Promise<void> => {
  const offered = await ctx.probe((opened) => opened.store.transact(async (tx) => typeof tx.disputeCounts === "function"));
  if (!offered) {
    it.todo(`the store "${ctx.name}" does not offer disputeCounts (optional: the ledger then reads every dispute for its reports)`);
    return;
  }
  test.prop([entries, queries], { numRuns: ctx.runs })(
    "disputeCounts groups exactly the disputes find returns within the scope under the filters, each group once, before and after commit",
    async (rows, asked) => {
      const store = ctx.store();
      const check = async (tx: LedgerTransaction, visible: ReadonlyArray<DisputeRow>, when: string): Promise<void> => {
        for (const q of asked) expectCounts(await tx.disputeCounts!(q), oracleCounts(visible, q), `disputeCounts(${JSON.stringify(q)}) ${when}`);
      };
      const committed = rows.filter((e) => e.fate !== "pending").map((e) => e.first);
      const final = rows.flatMap((e) => (e.fate === "removed" ? [] : e.fate === "updated" ? [e.second] : [e.first]));
      await store.transact(async (tx) => {
        for (const row of committed) await tx.disputes.insert(row);
      });
      await store.transact((tx) => check(tx, committed, "after commit"));
      await store.transact(async (tx) => {
        for (const e of rows) {
          if (e.fate === "pending") await tx.disputes.insert(e.first);
          else if (e.fate === "updated") await tx.disputes.update(e.second, 1);
          else if (e.fate === "removed") await tx.disputes.remove(e.first.id, 1);
        }
        await check(tx, final, "inside a transaction that inserted, updated and removed disputes");
      });
      await store.transact((tx) => check(tx, final, "after that transaction's commit"));
    },
    ctx.timeout,
  );
};
