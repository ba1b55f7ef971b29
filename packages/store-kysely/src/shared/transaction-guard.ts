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
    end: () => {
      open = false;
    },
  };
  return guard;
};
