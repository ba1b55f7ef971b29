import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { compiledQueries, rowParameters } from "./compiled-queries.js";

// The cache of compiled queries: a shape is built by Kysely once and run again
// with new parameters; a build whose parameters are not the ones the store
// gives fails on its first call; the cache stays correct past its bound; and
// the direct path (SQLite's connection) answers as Kysely's executor does.

interface Db {
  t: { id: string; a: string | null; b: number };
}

const open = () => new Kysely<Db>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
let db: Kysely<Db>;
afterEach(async () => {
  await db.destroy();
});

const setUp = async () => {
  db = open();
  await db.schema.createTable("t").addColumn("id", "text", (c) => c.primaryKey()).addColumn("a", "text").addColumn("b", "integer").execute();
};

const insert = (queries: ReturnType<typeof compiledQueries>, row: Db["t"]) => {
  const columns = ["id", "a", "b"];
  return queries.run(db as never, "insert t", rowParameters(columns, [row]), () => db.insertInto("t").values(row));
};
const select = (queries: ReturnType<typeof compiledQueries>, id: string) =>
  queries.run<Db["t"]>(db as never, "select t", [id], () => db.selectFrom("t").selectAll().where("id", "=", id));

describe("compiled queries", () => {
  it("a shape compiled on its first call runs again with the next call's parameters", async () => {
    await setUp();
    const queries = compiledQueries();
    for (const [i, id] of ["x", "y", "z"].entries()) expect(Number((await insert(queries, { id, a: `a${i}`, b: i })).numAffectedRows)).toBe(1);
    expect((await select(queries, "y")).rows).toEqual([{ id: "y", a: "a1", b: 1 }]);
    expect((await select(queries, "z")).rows).toEqual([{ id: "z", a: "a2", b: 2 }]);
    expect((await select(queries, "w")).rows).toEqual([]);
  });

  it("a build that binds other parameters than the store gives fails on its first call, naming the shape", async () => {
    await setUp();
    const queries = compiledQueries();
    const reversed = queries.run(db as never, "insert reversed", ["b-first", 1, "x"], () => db.insertInto("t").values({ id: "x", a: "b-first", b: 1 }));
    await expect(reversed).rejects.toThrow(/"insert reversed".*another order/);
    expect(await db.selectFrom("t").selectAll().execute(), "nothing ran").toEqual([]);
  });

  it("undefined values bind as null, in the columns' order", () => {
    expect(rowParameters(["a", "b", "c"], [{ b: 2, a: undefined, c: "c" }, { a: 1, b: undefined, c: null }])).toEqual([null, 2, "c", 1, null, null]);
  });

  it("past its bound of shapes the cache starts again and every shape still runs right", async () => {
    await setUp();
    const queries = compiledQueries();
    for (let i = 0; i < 600; i++) {
      const found = await queries.run<{ n: number }>(db as never, `literal ${i}`, [i], () => db.selectNoFrom((eb) => eb.val(i).as("n")));
      expect(found.rows[0]!.n).toBe(i);
    }
    const again = await queries.run<{ n: number }>(db as never, "literal 3", [33], () => db.selectNoFrom((eb) => eb.val(33).as("n")));
    expect(again.rows[0]!.n).toBe(33);
  });

  it("the direct path answers with the rows and the affected count, and a failing statement rejects", async () => {
    await setUp();
    const sqlite = new Database(":memory:");
    sqlite.exec("create table t (id text primary key, a text, b integer)");
    const queries = compiledQueries((text, parameters) => {
      const statement = sqlite.prepare(text);
      if (statement.reader) return { rows: statement.all(...parameters) };
      return { rows: [], numAffectedRows: BigInt(statement.run(...parameters).changes) };
    });
    expect(Number((await insert(queries, { id: "x", a: null, b: 7 })).numAffectedRows)).toBe(1);
    expect((await select(queries, "x")).rows).toEqual([{ id: "x", a: null, b: 7 }]);
    await expect(insert(queries, { id: "x", a: null, b: 8 })).rejects.toThrow(/UNIQUE/);
    expect(await db.selectFrom("t").selectAll().execute(), "Kysely's own database was never written").toEqual([]);
    sqlite.close();
  });
});
