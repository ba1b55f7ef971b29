import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import type { DisputeView } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { type RunningService, startService } from "./test-harness.js";

// One service for the file, over the memory store, seeded with a small town
// (3 villages, 40 residents, 30 disputes) and listening on a free port.
const town = sampleTown(7, { villages: 3, persons: 40, disputes: 30 });
const [villageA, villageB] = town.villages;
const inA = town.disputes.filter((d) => d.jurisdiction === villageA!.code);
const inB = town.disputes.filter((d) => d.jurisdiction === villageB!.code);
let service: RunningService;

beforeAll(async () => {
  service = await startService(town);
});
afterAll(() => service?.stop());

/** Every record a token can list, following the cursor with pages of `limit`. */
const listAll = async (token: string, limit = 100): Promise<ReadonlyArray<DisputeView>> => {
  const out: Array<DisputeView> = [];
  let cursor: string | undefined;
  do {
    const answer = await service.call(token, `/disputes?limit=${limit}${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`);
    expect(answer.status).toBe(200);
    out.push(...(answer.body.items as ReadonlyArray<DisputeView>));
    cursor = answer.body.cursor;
  } while (cursor !== undefined);
  return out;
};

describe("scope holds over HTTP", () => {
  it("lists a village committee only its own village's disputes, all of them", async () => {
    const seen = await listAll(service.committeeToken(villageA!.code));
    for (const v of seen) expect(v.dispute.jurisdiction).toBe(villageA!.code);
    expect(seen.map((v) => v.id).sort()).toEqual(inA.map((d) => d.id).sort());
  });

  it("lists the coordinator the whole township", async () => {
    const seen = await listAll("demo-coordinator");
    expect(seen.map((v) => v.id).sort()).toEqual(town.disputes.map((d) => d.id).sort());
  });

  it("refuses a village committee another village's dispute (403) and answers 404 for no such dispute", async () => {
    const token = service.committeeToken(villageA!.code);
    const own = await service.call(token, `/disputes/${inA[0]!.id}`);
    expect(own.status).toBe(200);
    expect(own.body.dispute.jurisdiction).toBe(villageA!.code);
    const other = await service.call(token, `/disputes/${inB[0]!.id}`);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ tag: "AccessDenied" });
    expect(other.body.error.zh).toContain("辖区");
    expect(other.body.error.en).toContain("scope");
    expect(other.body.dispute).toBeUndefined();
    const missing = await service.call(token, "/disputes/d-999999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.tag).toBe("RecordNotFound");
  });

  it("refuses a village committee listing another village by `within` (403)", async () => {
    const answer = await service.call(service.committeeToken(villageA!.code), `/disputes?within=${villageB!.code}`);
    expect(answer.status).toBe(403);
  });

  it("lets a village committee register a dispute in its village (201), not in another (403, nothing written)", async () => {
    const token = service.committeeToken(villageA!.code);
    const template = inA[0]!;
    const inside = await service.call(token, "/disputes", { body: { dispute: { ...template, id: "d-http-a1", reportedOn: "2025-05-30" } } });
    expect(inside.status).toBe(201);
    expect(inside.headers.get("location")).toBe("/disputes/d-http-a1");
    expect(inside.body.dispute.dispute.jurisdiction).toBe(villageA!.code);
    const outside = await service.call(token, "/disputes", { body: { dispute: { ...template, id: "d-http-b1", jurisdiction: villageB!.code, reportedOn: "2025-05-30" } } });
    expect(outside.status).toBe(403);
    expect(outside.body.error.tag).toBe("AccessDenied");
    const lookup = await service.call("demo-coordinator", "/disputes/d-http-b1");
    expect(lookup.status).toBe(404);
  });

  it("replays a registration sent again with the same Idempotency-Key (200, not 201)", async () => {
    const token = service.committeeToken(villageA!.code);
    const body = { dispute: { ...inA[1]!, id: "d-http-a2", reportedOn: "2025-05-30" } };
    const first = await service.call(token, "/disputes", { body, headers: { "idempotency-key": "form-a2" } });
    const again = await service.call(token, "/disputes", { body, headers: { "idempotency-key": "form-a2" } });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.replayed).toBe(true);
  });

  test.prop([fc.constantFrom(...town.villages), fc.integer({ min: 3, max: 20 })], { numRuns: 10 })(
    "for any village committee of the town and any page size, every listed record is in its village",
    async (village, limit) => {
      const seen = await listAll(service.committeeToken(village.code), limit);
      expect(seen.every((v) => v.dispute.jurisdiction === village.code)).toBe(true);
      const registered = town.disputes.filter((d) => d.jurisdiction === village.code).map((d) => d.id);
      // The other tests may add disputes to village A, never to another.
      expect(seen.map((v) => v.id)).toEqual(expect.arrayContaining(registered));
      expect(seen.every((v) => registered.includes(v.id) || v.id.startsWith("d-http-"))).toBe(true);
    },
  );
});

describe("authentication is the embedding system's: the service maps a bearer token to an officer", () => {
  it("answers 401 without a token, and with an unknown one", async () => {
    const none = await service.call(undefined, "/disputes");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(none.body.error.zh.length).toBeGreaterThan(0);
    const unknown = await service.call("demo-nobody", "/disputes");
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("refuses an auditor the records themselves (403: the role reads the audit trail only)", async () => {
    const answer = await service.call("demo-auditor", "/disputes");
    expect(answer.status).toBe(403);
  });
});

describe("the ledger's refusals as HTTP statuses, in both languages", () => {
  it("answers a malformed registration 400 with every problem's path, in Chinese and English", async () => {
    const bad = { dispute: { ...inA[0]!, id: "d-http-bad", domain: "weather", reportedOn: "2025-02-30", parties: [{ kind: "person", person: "p-0001", role: "bystander" }] } };
    const answer = await service.call(service.committeeToken(villageA!.code), "/disputes", { body: bad });
    expect(answer.status).toBe(400);
    expect(answer.body.error.tag).toBe("ValidationError");
    const paths = (answer.body.error.issues as ReadonlyArray<{ path: string; zh: string; en: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["dispute.domain", "dispute.reportedOn", "dispute.parties[0].role"]));
    for (const issue of answer.body.error.issues) {
      expect(issue.zh).toMatch(/\p{Script=Han}/u);
      expect(issue.en).toMatch(/[a-z]/);
    }
    expect(answer.body.error.report).toContain("dispute.parties[0].role");
  });

  it("answers 400 for a body that is not JSON, and for fields of the wrong type", async () => {
    const token = service.committeeToken(villageA!.code);
    const notJson = await service.call(token, "/disputes", { body: "{not json" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.tag).toBe("InvalidJson");
    const wrongTypes = await service.call("demo-coordinator", `/disputes/${inA[0]!.id}/transition`, { body: { version: "1", transition: 7 } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["version", "transition"]);
  });

  it("answers 409 for a transition sent with a stale version", async () => {
    const id = inB[1]!.id;
    const read = await service.call("demo-coordinator", `/disputes/${id}`);
    const version = read.body.version as number;
    const first = await service.call("demo-coordinator", `/disputes/${id}/transition`, { body: { version, transition: "accept" } });
    expect(first.status).toBe(200);
    expect(first.body.case.status).toBe("accepted");
    const stale = await service.call("demo-coordinator", `/disputes/${id}/transition`, { body: { version, transition: "accept" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.tag).toBe("VersionConflict");
    expect(stale.body.error.zh).toContain("已被他人修改");
  });

  it("reports a month to the coordinator, and answers 400 for a malformed month", async () => {
    const report = await service.call("demo-coordinator", "/reports/monthly?month=2025-01");
    expect(report.status).toBe(200);
    expect(report.body.for).toBe("own");
    const january = town.disputes.filter((d) => d.reportedOn.startsWith("2025-01")).length;
    expect(report.body.report.totals.new).toBe(january);
    expect(report.body.report.period).toEqual({ from: "2025-01-01", to: "2025-01-31" });
    const bad = await service.call("demo-coordinator", "/reports/monthly?month=2025-13");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("month");
  });

  it("answers 404 for an unknown route and 405 for a wrong method", async () => {
    expect((await service.call("demo-coordinator", "/nowhere")).status).toBe(404);
    expect((await service.call("demo-coordinator", "/disputes/%E0")).status).toBe(404);
    const wrong = await service.call("demo-coordinator", "/reports/monthly?month=2025-01", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});
