/**
 * Where the package's test database servers are: PostgreSQL at 127.0.0.1:5432 (user
 * postgres, database test) and MySQL/MariaDB at 127.0.0.1:3306 (user root, database
 * test), or what `TIAOJIE_PG_URL` / `TIAOJIE_MYSQL_URL` say. Kept apart from
 * `servers.ts` so that harnesses outside vitest (`pg-standby.ts`) can use it.
 *
 * @since 0.4.0
 * @internal test infrastructure, not published
 */
/**
 * The SQL servers the tests know.
 *
 * @example
 * ```ts
 * const dialect: ServerDialect = "postgres";
 * ```
 * @since 0.4.0
 */
export type ServerDialect = "postgres" | "mysql";

/**
 * How to reach a server.
 *
 * @example
 * ```ts
 * const settings: ServerSettings = { host: "127.0.0.1", port: 5432, user: "postgres", password: "", database: "test" };
 * ```
 * @since 0.4.0
 */
export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Empty for the CI servers (trust auth, root without a password). */
  readonly password: string;
  readonly database: string;
}

/**
 * Each dialect's name in messages, its URL variable and protocols, and its CI defaults.
 *
 * @example
 * ```ts
 * knownServers.postgres.defaults.port; // 5432
 * ```
 * @since 0.4.0
 */
export const knownServers = {
  postgres: {
    label: "PostgreSQL",
    variable: "TIAOJIE_PG_URL",
    protocols: ["postgres:", "postgresql:"],
    defaults: { host: "127.0.0.1", port: 5432, user: "postgres", password: "", database: "test" },
  },
  mysql: {
    label: "MySQL/MariaDB",
    variable: "TIAOJIE_MYSQL_URL",
    protocols: ["mysql:", "mariadb:"],
    defaults: { host: "127.0.0.1", port: 3306, user: "root", password: "", database: "test" },
  },
} as const satisfies Record<ServerDialect, { label: string; variable: string; protocols: readonly string[]; defaults: ServerSettings }>;

/**
 * The settings of the test server for `dialect`: the CI defaults, or the parts given by
 * the URL in `TIAOJIE_PG_URL` / `TIAOJIE_MYSQL_URL` (e.g. `postgres://u:p@db:5433/ci`;
 * parts the URL leaves out keep their default; a database named `.` or `..` cannot be
 * given this way). Throws, naming the variable, when the URL cannot be read.
 *
 * @default env process.env
 * @example
 * ```ts
 * serverSettings("mysql", {}); // { host: "127.0.0.1", port: 3306, user: "root", password: "", database: "test" }
 * serverSettings("postgres", { TIAOJIE_PG_URL: "postgres://ci@10.0.0.5/ledger" }).database; // "ledger"
 * ```
 * @since 0.4.0
 */
export const serverSettings = (dialect: ServerDialect, env: Readonly<Record<string, string | undefined>> = process.env): ServerSettings => {
  const { variable, protocols, defaults } = knownServers[dialect];
  const text = env[variable];
  if (text === undefined || text === "") return defaults;
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new Error(`${variable} is not a URL (${text}): ${String(error)}`, { cause: error });
  }
  if (!(protocols as readonly string[]).includes(url.protocol)) {
    throw new Error(`${variable} must start with ${protocols.join(" or ")}//, not ${url.protocol}//`);
  }
  const path = decodeURIComponent(url.pathname.replace(/^\//, ""));
  return {
    host: url.hostname === "" ? defaults.host : url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? defaults.port : Number(url.port),
    user: url.username === "" ? defaults.user : decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: path === "" ? defaults.database : path,
  };
};
