import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, type LocalDate, type OfficerId, type UnitKind, createLedger, fixedClock, shanghaiStartOf, staticKeyProvider } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { makeJsonFileStore } from "./index.js";

// The README's use, end to end: the ledger service over the JSON file with keys
// kept outside it. What it writes survives closing and reopening the file, sealed
// fields stay sealed in the file, and the audit chains verify after reopening.

const town = sampleTown(2025, { villages: 3, persons: 4, disputes: 0, listings: 0 });
const today = "2025-02-10" as LocalDate;
const clock = fixedClock(shanghaiStartOf(today) + 9 * 3_600_000);

const officer = (kind: UnitKind, role: Actor["role"], id: string): Actor => {
  const unit = town.units.find((u) => u.kind === kind)!;
  return { officerId: id as OfficerId, name: "测试", unit: unit.id, role, scope: town.township.code };
};
const social = officer("social-affairs-office", "unit-officer", "t-0001");
const coordinator = officer("peace-rule-of-law-office", "coordinator", "t-0002");
const auditor = officer("township-leadership", "auditor", "t-0003");

// Keys as a deployment would read them from its secret store: the same on every start.
const keys = staticKeyProvider({ keyEncryptionKeys: { "kek-2025": randomBytes(32) }, currentKeyId: "kek-2025", blindIndexKey: randomBytes(32) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tiaojie-json-ledger-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("refuses to start over the durable JSON file without a key provider", async () => {
  const store = await makeJsonFileStore({ file: join(dir, "ledger.json") });
  expect(() => createLedger({ store, units: town.units })).toThrow(/durable store \(json-file\) needs a key provider/);
  await store.close();
});

it("keeps what the ledger wrote across a restart, sealed in the file, with audit chains that verify", async () => {
  const file = join(dir, "ledger.json");
  const person = town.persons.find((p) => p.identityNumber !== undefined)!;
  const open = async () => createLedger({ store: await makeJsonFileStore({ file }), units: town.units, keys, clock });

  const first = await open();
  const registered = await first.registerPerson(social, person);
  expect(registered.ok, JSON.stringify(registered)).toBe(true);
  const school = town.units.find((u) => u.kind === "central-school") ?? town.units[0]!;
  const hazard = await first.registerHazard(coordinator, {
    jurisdiction: town.villages[0]!.code,
    place: "村小学校门",
    hazard: "无隔离护栏",
    responsibleUnit: school.id,
    deadline: "2025-04-30",
  });
  expect(hazard.ok, JSON.stringify(hazard)).toBe(true);
  await first.close();

  const text = await readFile(file, "utf8");
  expect(text, "the identity number is sealed in the file").not.toContain(person.identityNumber!);
  expect(text, "the hazard, which names no person, is kept as it is").toContain("村小学校门");

  const second = await open();
  const read = await second.getPerson(social, person.id, { purpose: "救助核对" });
  expect(read.ok && read.value.person?.identityNumber, "the identity number, read back with the same keys").toBe(person.identityNumber);
  const hazards = await second.listHazards(coordinator);
  expect(hazards.ok && hazards.value.map((h) => h.place)).toEqual(["村小学校门"]);
  const verified = await second.verifyAudit(auditor);
  expect(verified.ok && verified.value.ok, JSON.stringify(verified)).toBe(true);
  await second.close();
});
