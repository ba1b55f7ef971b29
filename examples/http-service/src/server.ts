import { type IncomingMessage, type Server, type ServerResponse, createServer as createHttpServer } from "node:http";
import {
  type Actor,
  type DateRange,
  type DivisionCode,
  type Ledger,
  type ListDisputesQuery,
  type LocalDate,
  type ReportAudience,
  type Taxonomy,
  CaseStatuses,
  DisputeDomains,
  RiskLevels,
  disputeId,
  localDate,
  plusDays,
  plusMonths,
} from "@tiaojie/core";
import { type HttpError, type HttpIssue, badRequest, ledgerErrorResponse, serviceError } from "./http-errors.js";
import { type Identify, callerOf } from "./identity.js";

/** What {@link createServer} needs. */
export interface ServerOptions {
  /** The ledger the service puts behind HTTP. */
  readonly ledger: Ledger;
  /** Maps a bearer token to an officer: the embedding system's authentication. */
  readonly identify: Identify;
  /**
   * The largest request body accepted, in bytes.
   * @default 1 MiB
   */
  readonly maxBodyBytes?: number;
  /**
   * Where the service reports a defect (a rejected ledger call, a bug).
   * @default console.error
   */
  readonly onDefect?: (error: unknown) => void;
}

/** A response to send: a status and a JSON body. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A ledger call's Result as a reply: the value with `status`, or the refusal mapped to its status. */
const replyOf = <A>(result: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly _tag: string; readonly message: string } }, status = 200): Reply =>
  result.ok ? { status, body: result.value } : ledgerErrorResponse(result.error);

class RequestProblem extends Error {
  constructor(readonly reply: HttpError) {
    super(reply.body.error.en);
  }
}

const readJson = async (req: IncomingMessage, max: number): Promise<unknown> => {
  const chunks: Array<Buffer> = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new RequestProblem(serviceError(413, "PayloadTooLarge", { zh: `请求体超过 ${max} 字节`, en: `the body is larger than ${max} bytes` }));
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new RequestProblem(serviceError(400, "InvalidJson", { zh: "请求体为空，应为 JSON 对象", en: "the body is empty; a JSON object is expected" }));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestProblem(serviceError(400, "InvalidJson", { zh: "请求体不是有效的 JSON", en: "the body is not valid JSON" }));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RequestProblem(serviceError(400, "InvalidJson", { zh: "请求体应为 JSON 对象", en: "the body must be a JSON object" }));
  }
  return value;
};

const send = (res: ServerResponse, reply: Reply): void => {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), ...reply.headers });
  res.end(body);
};

/** The calendar month `YYYY-MM` as a report period, or the problem with it. */
const monthPeriod = (month: string | null): DateRange | HttpIssue => {
  const problem: HttpIssue = { path: "month", zh: "应为 YYYY-MM 格式的月份，如 2025-01", en: "must be a month written YYYY-MM, such as 2025-01" };
  if (month === null || !/^\d{4}-\d{2}$/.test(month)) return problem;
  const from = localDate(`${month}-01`);
  if (!from.ok) return problem;
  return { from: from.value, to: plusDays(plusMonths(from.value, 1), -1) };
};

const AUDIENCES: ReadonlyArray<ReportAudience> = ["own", "county", "city", "province"];

/** GET /disputes: the caller's disputes (their scope, or part of it), a page at a time. */
const listDisputes = async (ledger: Ledger, actor: Actor, url: URL): Promise<Reply> => {
  const q = url.searchParams;
  const issues: Array<HttpIssue> = [];
  const limitText = q.get("limit");
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && !Number.isInteger(limit)) issues.push({ path: "limit", zh: "应为整数", en: "must be a whole number" });
  // A filter is one code or several (repeated, or separated by commas), each checked against its taxonomy.
  const codes = <C extends string>(name: string, taxonomy: Taxonomy<C>): ReadonlyArray<C> | undefined => {
    const given = q.getAll(name).flatMap((v) => v.split(",")).filter((v) => v !== "");
    const known: Array<C> = [];
    for (const [i, code] of given.entries()) {
      if (taxonomy.is(code)) known.push(code);
      else issues.push({ path: `${name}[${i}]`, zh: `不是有效的${taxonomy.name.zh}代码`, en: `is not a ${taxonomy.name.en} code` });
    }
    return known.length === 0 ? undefined : known;
  };
  const status = codes("status", CaseStatuses);
  const level = codes("level", RiskLevels);
  const domain = codes("domain", DisputeDomains);
  if (issues.length > 0) return badRequest(issues);
  const cursor = q.get("cursor");
  const within = q.get("within");
  const query: ListDisputesQuery = {
    ...(limit === undefined ? {} : { limit }),
    ...(cursor === null ? {} : { cursor }),
    // Checked by the ledger, which also refuses a division outside the caller's scope.
    ...(within === null ? {} : { within: within as DivisionCode }),
    ...(status === undefined ? {} : { status }),
    ...(level === undefined ? {} : { level }),
    ...(domain === undefined ? {} : { domain }),
  };
  return replyOf(await ledger.listDisputes(actor, query));
};

/** POST /disputes: registers a dispute (and the new persons it names), from `{ dispute, persons?, idempotencyKey? }`. */
const registerDispute = async (ledger: Ledger, actor: Actor, body: Record<string, unknown>, idempotencyHeader: string | undefined): Promise<Reply> => {
  const issues: Array<HttpIssue> = [];
  if (body.persons !== undefined && !Array.isArray(body.persons)) issues.push({ path: "persons", zh: "应为数组", en: "must be an array" });
  const key = idempotencyHeader ?? body.idempotencyKey;
  if (key !== undefined && typeof key !== "string") issues.push({ path: "idempotencyKey", zh: "应为字符串", en: "must be a string" });
  if (issues.length > 0) return badRequest(issues);
  const result = await ledger.registerDispute(actor, {
    dispute: body.dispute,
    ...(body.persons === undefined ? {} : { persons: body.persons as ReadonlyArray<unknown> }),
    ...(key === undefined ? {} : { idempotencyKey: key as string }),
  });
  if (!result.ok) return ledgerErrorResponse(result.error);
  // A replayed registration created nothing this time.
  return { status: result.value.replayed ? 200 : 201, body: result.value, headers: { location: `/disputes/${encodeURIComponent(result.value.dispute.id)}` } };
};

/** POST /disputes/:id/transition: a lifecycle transition, from `{ version, transition, fields?, on? }`. */
const transition = async (ledger: Ledger, actor: Actor, id: string, body: Record<string, unknown>): Promise<Reply> => {
  const issues: Array<HttpIssue> = [];
  const dispute = disputeId(id);
  if (!dispute.ok) return ledgerErrorResponse(dispute.error);
  if (!Number.isInteger(body.version)) issues.push({ path: "version", zh: "应为整数：所读记录的版本", en: "must be a whole number: the version of the record as read" });
  if (typeof body.transition !== "string") issues.push({ path: "transition", zh: "应为流转名称，如 accept", en: "must be a transition's name, such as accept" });
  if (body.fields !== undefined && (typeof body.fields !== "object" || body.fields === null || Array.isArray(body.fields))) {
    issues.push({ path: "fields", zh: "应为对象", en: "must be an object" });
  }
  if (body.on !== undefined && typeof body.on !== "string") issues.push({ path: "on", zh: "应为 YYYY-MM-DD 格式的日期", en: "must be a date written YYYY-MM-DD" });
  if (issues.length > 0) return badRequest(issues);
  const result = await ledger.transition(actor, {
    dispute: dispute.value,
    version: body.version as number,
    transition: body.transition as string,
    ...(body.fields === undefined ? {} : { fields: body.fields as Record<string, string> }),
    // A string here; the ledger checks that it is a date, and not after today.
    ...(body.on === undefined ? {} : { on: body.on as LocalDate }),
  });
  return replyOf(result);
};

/** GET /reports/monthly?month=YYYY-MM[&for=county][&jurisdiction=…]: the monthly report of a calendar month. */
const monthlyReport = async (ledger: Ledger, actor: Actor, url: URL): Promise<Reply> => {
  const period = monthPeriod(url.searchParams.get("month"));
  const issues: Array<HttpIssue> = "path" in period ? [period] : [];
  const audience = url.searchParams.get("for") ?? "own";
  if (!AUDIENCES.includes(audience as ReportAudience)) issues.push({ path: "for", zh: `应为 ${AUDIENCES.join("、")} 之一`, en: `must be one of ${AUDIENCES.join(", ")}` });
  if (issues.length > 0 || "path" in period) return badRequest(issues);
  const jurisdiction = url.searchParams.get("jurisdiction");
  const result = await ledger.monthlyReport(actor, {
    period,
    for: audience as ReportAudience,
    ...(jurisdiction === null ? {} : { jurisdiction: jurisdiction as DivisionCode }),
  });
  return replyOf(result);
};

const notFound = (): Reply => serviceError(404, "RouteNotFound", { zh: "没有这个接口", en: "no such route" });
const methodNotAllowed = (allow: string): Reply => ({
  ...serviceError(405, "MethodNotAllowed", { zh: `此接口只接受 ${allow}`, en: `this route accepts ${allow} only` }),
  headers: { allow },
});

/** Routes a request of a known caller. */
const route = async (options: ServerOptions, actor: Actor, req: IncomingMessage, url: URL): Promise<Reply> => {
  const { ledger } = options;
  const max = options.maxBodyBytes ?? 1024 * 1024;
  let parts: ReadonlyArray<string>;
  try {
    parts = url.pathname.split("/").filter((p) => p !== "").map(decodeURIComponent);
  } catch {
    return notFound(); // a malformed %-escape names no route
  }
  const method = req.method ?? "GET";
  if (parts[0] === "disputes") {
    if (parts.length === 1) {
      if (method === "GET") return listDisputes(ledger, actor, url);
      if (method === "POST") {
        const header = req.headers["idempotency-key"];
        return registerDispute(ledger, actor, (await readJson(req, max)) as Record<string, unknown>, typeof header === "string" ? header : undefined);
      }
      return methodNotAllowed("GET, POST");
    }
    if (parts.length === 2) {
      if (method !== "GET") return methodNotAllowed("GET");
      const id = disputeId(parts[1]!);
      return id.ok ? replyOf(await ledger.getDispute(actor, id.value)) : ledgerErrorResponse(id.error);
    }
    if (parts.length === 3 && parts[2] === "transition") {
      if (method !== "POST") return methodNotAllowed("POST");
      return transition(ledger, actor, parts[1]!, (await readJson(req, max)) as Record<string, unknown>);
    }
  }
  if (parts.length === 2 && parts[0] === "reports" && parts[1] === "monthly") {
    return method === "GET" ? monthlyReport(ledger, actor, url) : methodNotAllowed("GET");
  }
  return notFound();
};

/**
 * The ledger behind a small JSON API on Node's own `node:http`, no framework:
 *
 * - `GET /disputes` — the caller's disputes (their scope; `within`, `status`,
 *   `level`, `domain`, `limit`, `cursor` narrow or page it);
 * - `GET /disputes/:id`;
 * - `POST /disputes` — `{ dispute, persons?, idempotencyKey? }` (or an
 *   `Idempotency-Key` header): 201, or 200 when it only replays;
 * - `POST /disputes/:id/transition` — `{ version, transition, fields?, on? }`;
 * - `GET /reports/monthly?month=YYYY-MM` (`for=county` for the summary with small
 *   counts withheld).
 *
 * Every request needs `Authorization: Bearer <token>`, which `identify` maps to
 * an officer (401 without a token or with an unknown one); the ledger then
 * decides what that officer may see and do, and its refusals come back with the
 * status of {@link STATUS_BY_TAG} and a body in both languages.
 *
 * @returns the server, not yet listening: call `listen(port)`
 * @example
 * ```ts
 * const server = createServer({ ledger, identify: (token) => tokens.get(token) });
 * server.listen(3000);
 * ```
 */
export const createServer = (options: ServerOptions): Server =>
  createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const caller = callerOf(req.headers.authorization, options.identify);
    const handle = async (): Promise<Reply> => {
      if (caller.kind === "anonymous") {
        return { ...serviceError(401, "Unauthorized", { zh: "缺少访问令牌（Authorization: Bearer …）", en: "no bearer token (Authorization: Bearer …)" }), headers: { "www-authenticate": "Bearer" } };
      }
      if (caller.kind === "unknown") {
        return { ...serviceError(401, "Unauthorized", { zh: "访问令牌无效", en: "the bearer token is not valid" }), headers: { "www-authenticate": 'Bearer error="invalid_token"' } };
      }
      return route(options, caller.actor, req, url);
    };
    handle()
      .catch((error: unknown): Reply => {
        if (error instanceof RequestProblem) return error.reply;
        (options.onDefect ?? console.error)(error);
        return serviceError(500, "InternalError", { zh: "服务内部错误", en: "internal error" });
      })
      .then((reply) => send(res, reply));
  });
