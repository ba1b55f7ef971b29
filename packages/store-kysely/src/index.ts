export { type ColumnKind, type ColumnSpec, type Database, type TableName, type TableSpec, tables } from "./schema/tables.js";
export { migrateStoreSchema, migrationLockTableName, migrationTableName, storeMigrations } from "./schema/migrations.js";
export { type ErrorClassifier, SqlStoreError, type SqlStoreErrorKind } from "./shared/store-errors.js";
export { type SqlDialect } from "./shared/sql-dialect.js";
export { type SqlStore, type SqlStoreOptions } from "./shared/sql-store.js";
export { packSealed, packWrapped, unpackSealed, unpackWrapped } from "./shared/sealed-bytes.js";
export { sqliteDialect } from "./sqlite/sqlite-dialect.js";
export { type BetterSqliteDatabase, type SqliteStoreOptions, sqliteStore } from "./sqlite/sqlite-connection.js";
