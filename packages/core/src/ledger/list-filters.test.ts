import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { CaseStatuses } from "../taxonomy/case-statuses.js";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { must, registerPersons, serviceFixture } from "./service-fixture.js";

const fx = serviceFixture(41, { villages: 2, persons: 20, disputes: 6 });
await registerPersons(fx);
for (const dispute of fx.town.disputes) must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute }));

const lists = { domain: DisputeDomains, level: RiskLevels, priority: ResolutionPriorities, status: CaseStatuses } as const;
const field = fc.constantFrom(...(Object.keys(lists) as Array<keyof typeof lists>));

describe("listing disputes by filter codes", () => {
  test.prop([field, fc.string({ maxLength: 12 })], { numRuns: 40 })("a code not in its code list is refused, naming the filter; nothing is answered as an empty page", async (name, code) => {
    fc.pre(!(lists[name].codes as ReadonlyArray<string>).includes(code));
    const alone = await fx.ledger.listDisputes(fx.actors.coordinator, { [name]: code });
    expect(alone).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: [name] }] } });
    const amongGood = await fx.ledger.listDisputes(fx.actors.coordinator, { [name]: [lists[name].codes[0], code] });
    expect(amongGood).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: [name, 1] }] } });
  });

  test.prop([field], { numRuns: 8 })("every code of the list filters as before: the disputes of all the codes together are the whole town", async (name) => {
    const all = must(await fx.ledger.listDisputes(fx.actors.coordinator, { [name]: lists[name].codes, limit: 100 }));
    expect(all.items.map((d) => d.id).sort()).toEqual(fx.town.disputes.map((d) => d.id).sort());
  });

  test("a month that is not YYYY-MM is refused; a real month lists its disputes", async () => {
    expect(await fx.ledger.listDisputes(fx.actors.coordinator, { month: "2025-13" })).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: ["month"] }] } });
    const month = fx.town.disputes[0]!.reportedOn.slice(0, 7);
    const listed = must(await fx.ledger.listDisputes(fx.actors.coordinator, { month, limit: 100 }));
    expect(listed.items.map((d) => d.id).sort()).toEqual(fx.town.disputes.filter((d) => d.reportedOn.startsWith(month)).map((d) => d.id).sort());
  });
});
