import { Readable } from 'node:stream';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import {
  type AppendOptions,
  type AnalyticsEngine,
  type Dialect,
  parameterNames,
  type QueryParams,
  type QueryValue,
  type Row,
  WATERMARK_TABLE,
} from './engine.ts';

const tz = `'Asia/Shanghai'`;

export const clickHouseDialect: Dialect = {
  addSeconds: (ts, s) => `(${ts} + toIntervalSecond(${s}))`,
  truncate: (unit, ts) =>
    unit === 'week' ? `toStartOfWeek(${ts}, 1, ${tz})` : `toStartOfInterval(${ts}, INTERVAL 1 ${unit}, ${tz})`,
  dayDiff: (a, b) => `dateDiff('day', toDate(${a}, ${tz}), toDate(${b}, ${tz}))`,
  hourOfWeek: (ts) => `((toDayOfWeek(${ts}, 0, ${tz}) - 1) * 24 + toHour(${ts}, ${tz}))`,
  collect: (expr, cond) => `groupArrayIf(${expr}, ${cond})`,
  // arrayMin of an empty array is the type's zero, not NULL: test emptiness first.
  firstWithin: (list, lower, upper) =>
    `if(empty(arrayFilter(x -> x >= ${lower} AND x <= ${upper}, ${list})), NULL, arrayMin(arrayFilter(x -> x >= ${lower} AND x <= ${upper}, ${list})))`,
};

/**
 * ClickHouse through its official client: the scale-out engine behind the same interface. Tables are
 * ReplacingMergeTree keyed by the event id, so a page loaded twice after a crash collapses to one copy.
 */
export class ClickHouseEngine implements AnalyticsEngine {
  readonly kind = 'clickhouse';
  readonly dialect = clickHouseDialect;
  private readonly client: ClickHouseClient;
  private constructor(client: ClickHouseClient) {
    this.client = client;
  }

  static async open(url: string): Promise<ClickHouseEngine> {
    const client = createClient({
      url,
      request_timeout: 30_000,
      clickhouse_settings: { date_time_input_format: 'best_effort', join_use_nulls: 1 },
    });
    const engine = new ClickHouseEngine(client);
    await engine.ensure([
      `CREATE TABLE IF NOT EXISTS ${WATERMARK_TABLE} (stream String, value String, updated_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree(updated_at) ORDER BY stream`,
    ]);
    return engine;
  }

  async ensure(ddl: string[]): Promise<void> {
    for (const statement of ddl) await this.client.command({ query: statement });
  }

  async query<T extends Row = Row>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const result = await this.client.query({
      query: toClickHouseParams(sql, params),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<T>();
  }

  async run(sql: string, params: QueryParams = {}): Promise<void> {
    await this.client.command({ query: toClickHouseParams(sql, params), query_params: params });
  }

  async runAtomically(statements: string[]): Promise<void> {
    for (const statement of statements) await this.client.command({ query: statement });
  }

  async appendCsv(
    table: string,
    csv: Uint8Array,
    watermark: { stream: string; value: string },
    { also }: AppendOptions = {},
  ): Promise<void> {
    if (also) throw new Error('ClickHouse keeps no derived tables in step with an append');
    if (csv.byteLength > 0) await this.client.insert({ table, values: Readable.from([csv]), format: 'CSV' });
    await this.client.insert({
      table: WATERMARK_TABLE,
      values: [{ stream: watermark.stream, value: watermark.value, updated_at: Date.now() }],
      format: 'JSONEachRow',
    });
  }

  async watermark(stream: string): Promise<string | undefined> {
    const rows = await this.query<{ value: string }>(
      `SELECT argMax(value, updated_at) AS value FROM ${WATERMARK_TABLE} WHERE stream = $stream GROUP BY stream`,
      { stream },
    );
    return rows[0]?.value;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** `$name` → `{name:Type}`, the type taken from the value bound to it. */
function toClickHouseParams(sql: string, params: QueryParams): string {
  let out = sql;
  for (const name of parameterNames(sql)) {
    if (!(name in params)) throw new Error(`query parameter $${name} has no value`);
    out = out.replaceAll(new RegExp(`\\$${name}\\b`, 'g'), `{${name}:${clickHouseType(params[name]!)}}`);
  }
  return out;
}

function clickHouseType(v: QueryValue): string {
  if (v === null) return 'Nullable(String)';
  if (v instanceof Date) return `DateTime64(3, 'UTC')`;
  if (Array.isArray(v)) return 'Array(String)';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Int64' : 'Float64';
  if (typeof v === 'boolean') return 'Bool';
  return 'String';
}
