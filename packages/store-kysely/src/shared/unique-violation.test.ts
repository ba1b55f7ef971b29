import { expect, it } from "vitest";
import { mysqlDialect, postgresDialect, sqliteDialect } from "../index.js";
import { forEachDialect } from "../testing/dialects.js";
import { asStoreError } from "./store-errors.js";

// A write that meets a unique key, on every database: the driver's own error
// is told apart as `unique-violation`, with its message in both languages.

const dialects = { sqlite: sqliteDialect, postgres: postgresDialect, mysql: mysqlDialect } as const;

await forEachDialect("unique violation", (d) => {
  it("a second row at the same audit position is unique-violation, in both languages", async () => {
    const store = await d.open();
    const row = { chain: "c", seq: 1, hash: "h", body: "{}" };
    try {
      await store.db.insertInto("tiaojie_audit").values(row).execute();
      const e = await store.db
        .insertInto("tiaojie_audit")
        .values(row)
        .execute()
        .then(
          () => undefined,
          (x: unknown) => x,
        );
      const typed = asStoreError(e, d.name, dialects[d.dialect].classify);
      expect(typed.kind).toBe("unique-violation");
      expect(typed.message).toMatch(/唯一约束.*unique constraint/s);
    } finally {
      await store.db.deleteFrom("tiaojie_audit").where("chain", "=", "c").execute();
      await store.close();
    }
  });
});
