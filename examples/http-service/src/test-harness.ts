import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Actor, DivisionCode, Ledger } from "@tiaojie/core";
import { type SampleOfficers, type SampleTown, sampleOfficers } from "@tiaojie/core/testing";
import { demoTokens } from "./identity.js";
import { seedTown, serviceLedger } from "./seed.js";
import { createServer } from "./server.js";

/** A response as the tests read it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The JSON body, as parsed (the tests check its shape). */
  readonly body: any;
}

/** A running service over a seeded sample town, on a free port, for tests. */
export interface RunningService {
  readonly town: SampleTown;
  readonly officers: SampleOfficers;
  readonly tokens: ReadonlyMap<string, Actor>;
  readonly ledger: Ledger;
  readonly server: Server;
  /** The demo token of a village's committee. */
  readonly committeeToken: (village: DivisionCode) => string;
  /** One request: a token (or none) and a path, with an optional JSON body. */
  readonly call: (token: string | undefined, path: string, init?: { readonly method?: string; readonly body?: unknown; readonly headers?: Record<string, string> }) => Promise<Answer>;
  readonly stop: () => Promise<void>;
}

/**
 * Seeds the town into a fresh ledger, starts the service on port 0 (a free port)
 * and returns what a test needs to call it with `fetch`.
 */
export const startService = async (town: SampleTown): Promise<RunningService> => {
  const officers = sampleOfficers(town);
  const tokens = demoTokens(town, officers);
  const ledger = serviceLedger(town, town.period.to);
  await seedTown(ledger, town, officers);
  const server = createServer({ ledger, identify: (token) => tokens.get(token) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    town,
    officers,
    tokens,
    ledger,
    server,
    committeeToken: (village) => {
      const member = officers.ofVillage(village);
      if (member === undefined) throw new RangeError(`${village} 没有村（居）委会 / ${village} has no committee`);
      return `demo-${member.unit}`;
    },
    call: async (token, path, init = {}) => {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
        ...(init.body === undefined ? {} : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ledger.close();
    },
  };
};
