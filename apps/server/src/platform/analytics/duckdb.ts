import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DuckDBInstance,
  type DuckDBConnection,
  DuckDBTimestampTZValue,
  listValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  type AppendOptions,
  type AnalyticsEngine,
  type Dialect,
  type QueryParams,
  type Row,
  WATERMARK_TABLE,
} from './engine.ts';

const tz = `'Asia/Shanghai'`;

export const duckDbDialect: Dialect = {
  addSeconds: (ts, s) => `(${ts} + to_seconds(CAST(${s} AS BIGINT)))`,
  truncate: (unit, ts) => `timezone(${tz}, date_trunc('${unit}', timezone(${tz}, ${ts})))`,
  dayDiff: (a, b) => `date_diff('day', CAST(timezone(${tz}, ${a}) AS DATE), CAST(timezone(${tz}, ${b}) AS DATE))`,
  hourOfWeek: (ts) => `((isodow(timezone(${tz}, ${ts})) - 1) * 24 + hour(timezone(${tz}, ${ts})))`,
  collect: (expr, cond) => `list(${expr}) FILTER (WHERE ${cond})`,
  firstWithin: (list, lower, upper) => `list_min(list_filter(${list}, x -> x >= ${lower} AND x <= ${upper}))`,
};

/**
 * Embedded DuckDB: one columnar file under DATA_DIR (or memory in tests). Writes go through one connection in
 * order; reads use another, so a long load never blocks the 大屏. DuckDB's MVCC gives readers a stable snapshot.
 */
export class DuckDbEngine implements AnalyticsEngine {
  readonly kind = 'duckdb';
  readonly dialect = duckDbDialect;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly columnsOf = new Map<string, string>();
  private readonly instance: DuckDBInstance;
  private readonly writer: DuckDBConnection;
  private readonly reader: DuckDBConnection;
  private constructor(instance: DuckDBInstance, writer: DuckDBConnection, reader: DuckDBConnection) {
    this.instance = instance;
    this.writer = writer;
    this.reader = reader;
  }

  /** `file` undefined: in memory (tests). DuckDB uses every core for a scan unless told otherwise. */
  static async open(file: string | undefined, opts: { threads?: number } = {}): Promise<DuckDbEngine> {
    if (file) await mkdir(path.dirname(file), { recursive: true });
    const options: Record<string, string> = {};
    if (opts.threads) options.threads = String(opts.threads);
    const instance = await DuckDBInstance.create(file ?? ':memory:', options);
    const writer = await instance.connect();
    const reader = await instance.connect();
    // Timestamps are shown in UTC and turned into Beijing time explicitly (dialect), whatever the host's zone.
    for (const c of [writer, reader]) await c.run(`SET TimeZone = 'UTC'`);
    const engine = new DuckDbEngine(instance, writer, reader);
    await engine.ensure([
      `CREATE TABLE IF NOT EXISTS ${WATERMARK_TABLE} (stream VARCHAR PRIMARY KEY, value VARCHAR NOT NULL, updated_at TIMESTAMPTZ NOT NULL)`,
    ]);
    return engine;
  }

  async ensure(ddl: string[]): Promise<void> {
    await this.serialised(async () => {
      this.columnsOf.clear();
      for (const statement of ddl) await this.writer.run(statement);
    });
  }

  async query<T extends Row = Row>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const reader = await this.reader.runAndReadAll(sql, bind(sql, params));
    return reader.getRowObjectsJS().map((r) => plain(r) as T);
  }

  async run(sql: string, params: QueryParams = {}): Promise<void> {
    await this.serialised(() => this.writer.run(sql, bind(sql, params)));
  }

  async runAtomically(statements: string[]): Promise<void> {
    await this.serialised(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      try {
        for (const statement of statements) await this.writer.run(statement);
        await this.writer.run('COMMIT');
      } catch (err) {
        await this.writer.run('ROLLBACK');
        throw err;
      }
    });
  }

  async appendCsv(
    table: string,
    csv: Uint8Array,
    watermark: { stream: string; value: string },
    { also, sortBy }: AppendOptions = {},
  ): Promise<void> {
    await this.serialised(async () => {
      // DuckDB's CSV reader is parallel and typed by the target table: far faster than row-by-row appends. The
      // file lives only for this append (no directory per engine: a process that never closes its engine, a test
      // worker killed at the end of a run, leaves nothing behind in the temporary directory).
      const file = path.join(os.tmpdir(), `haowu-analytics-${process.pid}-${randomUUID()}-${table}.csv`);
      await writeFile(file, csv);
      try {
        await this.writer.run('BEGIN TRANSACTION');
        try {
          if (csv.byteLength > 0) {
            // Appends take row ids after every existing row's: the rows above the highest one now are this append's.
            const last = also
              ? (await this.writer.runAndReadAll(`SELECT coalesce(max(rowid), -1) FROM ${table}`)).getRows()[0]![0]
              : undefined;
            if (sortBy) {
              // Read and sorted in one statement: no staging table to fill, read back and empty (−25 % of the
              // append's CPU at 200k rows, docs/PERFORMANCE.md "Analytics"). `read_csv` is given the table's own
              // columns and types, so it parses exactly as `COPY` into the table would.
              const columns = await this.columnTypes(table);
              await this.writer.run(
                `INSERT INTO ${table} SELECT * FROM read_csv('${file}', columns = ${columns}, header = false, nullstr = '\\N', timestampformat = 'auto', auto_detect = false) ORDER BY ${sortBy}`,
              );
            } else
              await this.writer.run(
                `COPY ${table} FROM '${file}' (FORMAT csv, HEADER false, NULLSTR '\\N', TIMESTAMPFORMAT 'auto')`,
              );
            if (also)
              await this.writer.run(
                `INSERT INTO ${also.table} SELECT ${also.columns} FROM ${table} WHERE rowid > ${String(last)} AND (${also.where})`,
              );
          }
          await this.writer.run(
            `INSERT INTO ${WATERMARK_TABLE} VALUES ($stream, $value, now()) ON CONFLICT (stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
            { stream: watermark.stream, value: watermark.value },
          );
          await this.writer.run('COMMIT');
        } catch (err) {
          await this.writer.run('ROLLBACK');
          throw err;
        }
      } finally {
        await rm(file, { force: true });
      }
    });
  }

  /** A table's columns as a `read_csv` `columns` struct, read once per engine (tables change only through `ensure`). */
  private async columnTypes(table: string): Promise<string> {
    let columns = this.columnsOf.get(table);
    if (!columns) {
      const rows = (
        await this.writer.runAndReadAll(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $table AND table_schema = current_schema() ORDER BY ordinal_position`,
          { table },
        )
      ).getRows() as [string, string][];
      columns = `{${rows.map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;
      this.columnsOf.set(table, columns);
    }
    return columns;
  }

  async watermark(stream: string): Promise<string | undefined> {
    const rows = await this.query<{ value: string }>(`SELECT value FROM ${WATERMARK_TABLE} WHERE stream = $stream`, {
      stream,
    });
    return rows[0]?.value;
  }

  async close(): Promise<void> {
    await this.writes.catch(() => undefined);
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

/** `$name` parameters → DuckDB's named values. Dates become TIMESTAMPTZ, string arrays LIST(VARCHAR). */
function bind(sql: string, params: QueryParams): Record<string, DuckDBValue> {
  const out: Record<string, DuckDBValue> = {};
  for (const [name, v] of Object.entries(params)) {
    if (!sql.includes(`$${name}`)) continue;
    if (v instanceof Date) out[name] = new DuckDBTimestampTZValue(BigInt(v.getTime()) * 1000n);
    else if (Array.isArray(v)) out[name] = listValue(v);
    else if (typeof v === 'number' && Number.isInteger(v)) out[name] = BigInt(v);
    else out[name] = v;
  }
  return out;
}

/** BIGINT/HUGEINT counts and sums come back as bigint; the API speaks numbers (fen fit in 2^53). */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) if (typeof v === 'bigint') row[k] = Number(v);
  return row;
}
