import type { SuiteContext } from "./suite-context.js";
import type { SuiteName } from "./suite-names.js";
import { atomicitySuite } from "./suites/atomicity.js";
import { auditLogSuite } from "./suites/audit-log.js";
import { crudSuite } from "./suites/crud.js";
import { disputeCountsSuite } from "./suites/dispute-counts.js";
import { injectionSuite } from "./suites/injection.js";
import { ledgerAtomicitySuite } from "./suites/ledger-atomicity.js";
import { ledgerAuditSuite } from "./suites/ledger-audit.js";
import { ledgerEncryptionSuite } from "./suites/ledger-encryption.js";
import { ledgerIdempotencySuite } from "./suites/ledger-idempotency.js";
import { ledgerReportsSuite } from "./suites/ledger-reports.js";
import { ledgerRetentionSuite } from "./suites/ledger-retention.js";
import { ledgerScopeSuite } from "./suites/ledger-scope.js";
import { ledgerVersionsSuite } from "./suites/ledger-versions.js";
import { paginationSuite } from "./suites/pagination.js";
import { readOnlySuite } from "./suites/read-only.js";
import { scopeAndFiltersSuite } from "./suites/scope-and-filters.js";
import { versionsSuite } from "./suites/versions.js";

/**
 * Every suite by name: a function that registers its tests in the current
 * `describe`, given the store of each test (it may wait for a probe of the
 * store first: `ctx.probe`). A new suite is one file under `suites/`, one name
 * in `suiteNames`, and one entry here.
 */
export const suiteRegistry: { readonly [N in SuiteName]: (ctx: SuiteContext) => void | Promise<void> } = {
  crud: crudSuite,
  "scope-and-filters": scopeAndFiltersSuite,
  "dispute-counts": disputeCountsSuite,
  pagination: paginationSuite,
  versions: versionsSuite,
  atomicity: atomicitySuite,
  "audit-log": auditLogSuite,
  "ledger-scope": ledgerScopeSuite,
  "ledger-versions": ledgerVersionsSuite,
  "ledger-atomicity": ledgerAtomicitySuite,
  "ledger-audit": ledgerAuditSuite,
  "ledger-encryption": ledgerEncryptionSuite,
  "ledger-idempotency": ledgerIdempotencySuite,
  "ledger-retention": ledgerRetentionSuite,
  "ledger-reports": ledgerReportsSuite,
  injection: injectionSuite,
  "read-only": readOnlySuite,
};
