import cluster from 'node:cluster';
import path from 'node:path';
import { ClickHouseEngine } from './clickhouse.ts';
import { DuckDbEngine, duckDbDialect } from './duckdb.ts';
import type { AppendOptions, AnalyticsEngine, Dialect, QueryParams, Row, Watermark } from './engine.ts';
import { clickHouseDialect } from './clickhouse.ts';

export type { AnalyticsEngine } from './engine.ts';

export interface AnalyticsEngineConfig {
  ANALYTICS_URL?: string | undefined;
  ANALYTICS_DUCKDB_PATH?: string | undefined;
  ANALYTICS_THREADS?: number | undefined;
  DATA_DIR: string;
}

/**
 * The configured engine, opened on first use (building the app stays synchronous and a process that never
 * queries analytics never opens a file). Embedded DuckDB is one process's file: with several server processes
 * each keeps its own copy, loaded from the same inbox (docs/ANALYTICS.md "Engines").
 */
export function createAnalyticsEngine(config: AnalyticsEngineConfig): AnalyticsEngine {
  const url = config.ANALYTICS_URL;
  const file =
    config.ANALYTICS_DUCKDB_PATH === ':memory:'
      ? undefined
      : (config.ANALYTICS_DUCKDB_PATH ??
        path.join(
          path.resolve(config.DATA_DIR),
          'analytics',
          cluster.isWorker ? `events-${cluster.worker?.id ?? 0}.duckdb` : 'events.duckdb',
        ));
  return new LazyEngine(url ? 'clickhouse' : 'duckdb', () =>
    url ? ClickHouseEngine.open(url) : DuckDbEngine.open(file, { threads: config.ANALYTICS_THREADS }),
  );
}

class LazyEngine implements AnalyticsEngine {
  readonly kind: 'duckdb' | 'clickhouse';
  readonly dialect: Dialect;
  private readonly open: () => Promise<AnalyticsEngine>;
  private opened: Promise<AnalyticsEngine> | undefined;
  private closed = false;
  constructor(kind: 'duckdb' | 'clickhouse', open: () => Promise<AnalyticsEngine>) {
    this.kind = kind;
    this.open = open;
    this.dialect = kind === 'duckdb' ? duckDbDialect : clickHouseDialect;
  }
  private engine(): Promise<AnalyticsEngine> {
    if (this.closed) return Promise.reject(new Error('analytics engine closed'));
    this.opened ??= this.open();
    return this.opened;
  }
  async ensure(ddl: string[]) {
    return (await this.engine()).ensure(ddl);
  }
  async query<T extends Row = Row>(sql: string, params?: QueryParams) {
    return (await this.engine()).query<T>(sql, params);
  }
  async run(sql: string, params?: QueryParams) {
    return (await this.engine()).run(sql, params);
  }
  async runAtomically(statements: string[]) {
    return (await this.engine()).runAtomically(statements);
  }
  async appendCsv(table: string, csv: Uint8Array, watermark: Watermark, options?: AppendOptions) {
    return (await this.engine()).appendCsv(table, csv, watermark, options);
  }
  async watermark(stream: string) {
    return (await this.engine()).watermark(stream);
  }
  async close() {
    this.closed = true;
    if (this.opened) await (await this.opened).close();
  }
}
