import type { LocalDate } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { expect, test, vi } from "vitest";
import { printLedgerDemo } from "./ledger-demo.js";

const town = sampleTown(2024);
const lines: Array<string> = [];
const spy = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => void lines.push(...args.join(" ").split("\n")));
await printLedgerDemo(town, "2025-02-10" as LocalDate);
spy.mockRestore();
const out = lines.join("\n");

test("every resident and every dispute reported by the day is registered, and a retried form is only replayed", () => {
  const reported = town.disputes.filter((d) => d.reportedOn <= "2025-02-10").length;
  expect(out).toContain(`登记人员 persons registered: ${town.persons.length}；登记纠纷 disputes registered: ${reported}`);
  expect(out).toContain("a retried form is replayed: true");
});

test("the policy refuses the coordinator an identity number, and a grid worker a dispute outside their scope", () => {
  expect(out).toMatch(/the coordinator recording an identity number is refused: .*\(person\.identityNumber\)/);
  expect(out).toMatch(/outside their scope is refused and audited: .*outside the actor's scope/);
});

test("the social affairs office sees the identity number in full, the coordinator masked", () => {
  const line = lines.find((l) => l.startsWith("同一人员"))!;
  const [full, masked] = [...line.matchAll(/: (\S+?)(?:；|$)/g)].map((m) => m[1]!);
  expect(full).toMatch(/^\d{17}[\dX]$/);
  expect(masked).toBe(`${full!.slice(0, 6)}********${full!.slice(-4)}`);
});

test("the report from the store equals the pure core's, and the county's summary withholds cells", () => {
  expect(out).toContain("totals and villages equal the pure core's: true");
  expect(Number(/withholds counts below 5: (\d+) cells/.exec(out)?.[1])).toBeGreaterThan(0);
});

test("the audit chain verifies against its signed checkpoint until one event is edited, which is named", () => {
  expect(out).toContain("audit chains verify: true");
  expect(out).toMatch(/^— zixi-demo \S+$/m);
  expect(out).toContain("the event at seq 42 was altered");
});
