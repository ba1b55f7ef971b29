import type { Actor } from "@tiaojie/core";
import type { SampleOfficers, SampleTown } from "@tiaojie/core/testing";

/**
 * Who is calling, as far as the service can tell from a request's
 * `Authorization` header: no bearer token, a token it does not know, or the
 * officer the token belongs to.
 */
export type Caller = { readonly kind: "anonymous" } | { readonly kind: "unknown" } | { readonly kind: "officer"; readonly actor: Actor };

/**
 * Maps a bearer token to an officer. Authentication belongs to the embedding
 * system (the county's identity system, single sign-on, a gateway): the ledger
 * takes an actor and trusts whoever hands it one, so this is the one place a
 * real deployment replaces.
 */
export type Identify = (token: string) => Actor | undefined;

/**
 * A fixed table of demo tokens for a sample town, a STAND-IN for the county's
 * identity system: `demo-coordinator` (平安法治办), `demo-social-affairs`
 * (社会事务办), `demo-auditor`, and `demo-<unit id>` for each village or
 * community committee (e.g. `demo-u-v200`). Never use fixed tokens in a real
 * deployment.
 *
 * @example
 * ```ts
 * const tokens = demoTokens(town, sampleOfficers(town));
 * tokens.get("demo-coordinator")?.role; // "coordinator"
 * ```
 */
export const demoTokens = (town: SampleTown, officers: SampleOfficers): ReadonlyMap<string, Actor> => {
  const table = new Map<string, Actor>([
    ["demo-coordinator", officers.coordinator],
    ["demo-social-affairs", officers.socialAffairs],
    ["demo-auditor", officers.auditor],
  ]);
  for (const village of town.villages) {
    const member = officers.ofVillage(village.code);
    if (member !== undefined) table.set(`demo-${member.unit}`, member);
  }
  return table;
};

/**
 * The caller of a request, from its `Authorization: Bearer <token>` header.
 *
 * @example
 * ```ts
 * callerOf(req.headers.authorization, (t) => tokens.get(t));
 * ```
 */
export const callerOf = (authorization: string | undefined, identify: Identify): Caller => {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  if (match === null) return { kind: "anonymous" };
  const actor = identify(match[1]!);
  return actor === undefined ? { kind: "unknown" } : { kind: "officer", actor };
};
