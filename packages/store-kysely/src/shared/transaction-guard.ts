import { SqlStoreError, asStoreError, type ErrorClassifier } from "./store-errors.js";

/**
 * What every method of a transaction checks and does around its SQL: that the
 * transaction is still open, that a page size is in range, and that a database
 * error leaves as a {@link SqlStoreError}.
 */
export interface TransactionGuard {
  readonly run: <A>(step: () => Promise<A>) => Promise<A>;
  /** Runs a write: refused in a read-only transaction before any SQL. */
  readonly write: <A>(step: () => Promise<A>) => Promise<A>;
  readonly checkLimit: (limit: number) => void;
  /**
   * Refuses a scope that is not a division code (12 digits): its prefix goes
   * into a `LIKE` pattern, where `%` or `_` would widen the scope beyond the
   * division.
   */
  readonly checkWithin: (within: string) => void;
  readonly end: () => void;
}

export const transactionGuard = (store: string, classify: ErrorClassifier, maxPageSize: number, readOnly = false): TransactionGuard => {
  let open = true;
  const guard: TransactionGuard = {
    write: (step) => {
      if (readOnly) {
        return Promise.reject(
          new SqlStoreError("misuse", store, { detail: { zh: "只读事务（只读副本）不能写入", en: "a read-only transaction (on the replica) cannot write" } }),
        );
      }
      return guard.run(step);
    },
    run: async (step) => {
      if (!open) {
        throw new SqlStoreError("misuse", store, { detail: { zh: "事务已结束，不能再读写", en: "the transaction has ended: it can no longer read or write" } });
      }
      try {
        return await step();
      } catch (error) {
        throw asStoreError(error, store, classify);
      }
    },
    checkLimit: (limit) => {
      if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
        throw new SqlStoreError("misuse", store, {
          detail: { zh: `每页行数应为 1 到 ${maxPageSize} 的整数，实际为 ${String(limit)}`, en: `a page holds 1 to ${maxPageSize} rows, not ${String(limit)}` },
        });
      }
    },
    checkWithin: (within) => {
      if (typeof within !== "string" || !/^\d{12}$/.test(within)) {
        throw new SqlStoreError("misuse", store, {
          detail: { zh: `范围应为 12 位数字的区划代码，实际为 ${JSON.stringify(within)}`, en: `a scope is a division code of 12 digits, not ${JSON.stringify(within)}` },
        });
      }
    },
    end: () => {
      open = false;
    },
  };
  return guard;
};
