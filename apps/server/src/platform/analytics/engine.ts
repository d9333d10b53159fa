/**
 * The columnar engine behind analytics: embedded DuckDB by default, ClickHouse when ANALYTICS_URL is set.
 * PostgreSQL stays the system of record; the engine holds a copy of the behaviour events built for scans.
 *
 * Queries are written once in the SQL both engines understand and use `$name` parameters; each adapter
 * binds them its own way. Where the dialects differ (time arithmetic), `dialect` gives the expression.
 */
export type QueryValue = string | number | boolean | Date | null | string[];
export type QueryParams = Record<string, QueryValue>;
export type Row = Record<string, unknown>;

export interface Dialect {
  /** `ts + n seconds`, n an expression or parameter. */
  addSeconds(ts: string, seconds: string): string;
  /** Start of the Beijing-time day/hour/week of a timestamp, as a timestamp. */
  truncate(unit: 'minute' | 'hour' | 'day' | 'week', ts: string): string;
  /** Whole days between two timestamps (b − a), counted on Beijing calendar days. */
  dayDiff(a: string, b: string): string;
  /** Hour of the week 0–167 in Beijing time (Monday 00:00 = 0): the seasonal slot of anomaly bands. */
  hourOfWeek(ts: string): string;
  /** Aggregate: the values of `expr` over the group's rows where `cond` holds, as an array. */
  collect(expr: string, cond: string): string;
  /** The smallest element of array `list` within [lower, upper], or NULL when there is none. */
  firstWithin(list: string, lower: string, upper: string): string;
}

export interface Watermark {
  stream: string;
  /** Opaque position of the loader in its source (e.g. a transaction-id window); saved with the rows it covers. */
  value: string;
}

export interface AnalyticsEngine {
  readonly kind: 'duckdb' | 'clickhouse';
  readonly dialect: Dialect;
  /** Creates the tables if missing (idempotent DDL, one statement per string). */
  ensure(ddl: string[]): Promise<void>;
  query<T extends Row = Row>(sql: string, params?: QueryParams): Promise<T[]>;
  /** Runs a statement that returns nothing worth reading (DELETE, maintenance). */
  run(sql: string, params?: QueryParams): Promise<void>;
  /**
   * Runs statements (no parameters) one after the other, all or nothing where the engine has transactions
   * (DuckDB); ClickHouse runs them in order without that guarantee.
   */
  runAtomically(statements: string[]): Promise<void>;
  /**
   * Appends CSV rows (header-less, in the table's column order) and records the watermark that covers them,
   * atomically where the engine has transactions (DuckDB) and idempotently where it does not (ClickHouse:
   * ReplacingMergeTree on the event id). A crash between two calls repeats at most the last page, never skips one.
   */
  appendCsv(table: string, csv: Uint8Array, watermark: Watermark, options?: AppendOptions): Promise<void>;
  watermark(stream: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface AppendOptions {
  also?: AlsoInto | undefined;
  /**
   * Store the appended rows in this order (an `ORDER BY` list), so that each append's row groups hold narrow
   * ranges of it and a scan filtering on it skips whole groups by their min/max. DuckDB only: a ClickHouse
   * table keeps its own sort key.
   */
  sortBy?: string | undefined;
}

/**
 * With an append: copy the appended rows' `columns` where `where` holds into `table` too, in the same transaction
 * (a derived table kept in step with the rows, e.g. analytics' recent-events table). DuckDB only.
 */
export interface AlsoInto {
  table: string;
  columns: string;
  where: string;
}

export const WATERMARK_TABLE = 'loader_watermarks';

/** Named parameters in a query, in order of first appearance: `$from`, `$merchant` … */
export function parameterNames(sql: string): string[] {
  return [...new Set([...sql.matchAll(/\$([a-zA-Z_][a-zA-Z0-9_]*)/g)].map((m) => m[1]!))];
}
