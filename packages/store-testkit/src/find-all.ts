import type { Collection, DivisionCode, RowBase } from "@tiaojie/core";

/** Every row `find` returns within the scope, following `next` page by page (at most `pages` pages). */
export const findAll = async <R extends RowBase, W>(
  collection: Collection<R, W>,
  within: DivisionCode,
  pageSize: number,
  pages = 1000,
): Promise<ReadonlyArray<R>> => {
  const rows: R[] = [];
  let after: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await collection.find({ within, limit: pageSize, ...(after === undefined ? {} : { after }) });
    rows.push(...page.rows);
    if (page.next === undefined) return rows;
    after = page.next;
  }
  throw new Error(`store-testkit: find did not end after ${pages} pages`);
};
