import { type Bilingual, ValidationError, formatPath, formatValidationError } from "@tiaojie/core";

/** One problem of a request, at a path of its body or query. */
export interface HttpIssue extends Bilingual {
  /** Where, as a developer writes it: `dispute.parties[0].role`. */
  readonly path: string;
}

/** The JSON body of every error response: the error's tag and both languages. */
export interface HttpErrorBody {
  readonly error: Bilingual & {
    /** The ledger error's `_tag` (`AccessDenied`, `VersionConflict`…), or the service's own (`Unauthorized`, `InvalidJson`…). */
    readonly tag: string;
    /** Every problem, for a request that failed validation. */
    readonly issues?: ReadonlyArray<HttpIssue>;
    /** The problems as the core formats them for people, both languages side by side. */
    readonly report?: string;
  };
}

/** An error response: a status and its body. */
export interface HttpError {
  readonly status: number;
  readonly body: HttpErrorBody;
}

/**
 * The HTTP status of each refusal of the ledger. A refusal is the ledger's answer
 * to this request, not a fault of the service: validation → 400, access denied
 * (scope or role) → 403, not found → 404, a stale version or another state
 * conflict → 409, a rule of the domain that the request breaks → 422; the store
 * failing → 503. Any other error is 500.
 */
export const STATUS_BY_TAG: Readonly<Record<string, number>> = {
  ValidationError: 400,
  InvalidCaseFields: 400,
  MissingCaseFields: 400,
  UnknownLeadUnit: 400,
  AccessDenied: 403,
  RoleNotAllowed: 403,
  RecordNotFound: 404,
  VersionConflict: 409,
  RecordExists: 409,
  IdempotencyKeyReused: 409,
  TransitionNotAllowed: 409,
  EventOutOfOrder: 409,
  PublicSecurityExcluded: 422,
  OverrideReasonRequired: 422,
  SecondConfirmationRequired: 422,
  SecondOfficerNotDifferent: 422,
  SecondOfficerRoleNotAllowed: 422,
  NotEligible: 422,
  DayCountRefused: 422,
  SealedDataUnreadable: 422,
  StoreFailure: 503,
};

const isBilingual = (value: unknown): value is Bilingual =>
  typeof value === "object" && value !== null && typeof (value as Bilingual).zh === "string" && typeof (value as Bilingual).en === "string";

/**
 * The response for a ledger error: its status, and a body with its tag, its text
 * in Chinese and English and, for a validation error, every problem with its
 * path (and the core's `formatValidationError` report of them).
 *
 * @example
 * ```ts
 * const r = await ledger.getDispute(actor, id);
 * if (!r.ok) send(res, ledgerErrorResponse(r.error));
 * ```
 */
export const ledgerErrorResponse = (error: { readonly _tag: string; readonly message: string }): HttpError => {
  const status = STATUS_BY_TAG[error._tag] ?? 500;
  if (error instanceof ValidationError) {
    return {
      status,
      body: {
        error: {
          tag: error._tag,
          zh: `请求有 ${error.issues.length} 处问题`,
          en: `the request has ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`,
          issues: error.issues.map((i) => ({ path: formatPath(i.path), zh: i.zh, en: i.en })),
          report: formatValidationError(error),
        },
      },
    };
  }
  const text = (error as { readonly text?: unknown }).text;
  const t = isBilingual(text) ? text : { zh: error.message, en: error.message };
  return { status, body: { error: { tag: error._tag, zh: t.zh, en: t.en } } };
};

/**
 * A response of the service itself (no or an unknown token, a malformed body, an
 * unknown route), in both languages.
 *
 * @example
 * ```ts
 * serviceError(401, "Unauthorized", { zh: "缺少访问令牌", en: "no bearer token" });
 * ```
 */
export const serviceError = (status: number, tag: string, text: Bilingual, issues?: ReadonlyArray<HttpIssue>): HttpError => ({
  status,
  body: { error: { tag, zh: text.zh, en: text.en, ...(issues === undefined ? {} : { issues }) } },
});

/**
 * A 400 for problems the service finds before the ledger sees the request (a
 * field of the wrong JSON type, a malformed month), worded like the ledger's own.
 *
 * @example
 * ```ts
 * badRequest([{ path: "version", zh: "应为整数", en: "must be a whole number" }]);
 * ```
 */
export const badRequest = (issues: ReadonlyArray<HttpIssue>): HttpError =>
  serviceError(400, "ValidationError", { zh: `请求有 ${issues.length} 处问题`, en: `the request has ${issues.length} problem${issues.length === 1 ? "" : "s"}` }, issues);
