import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { App } from '../src/platform/http.ts';
import { loadConfig } from '../src/config.ts';
import type { SandboxPaymentProvider } from '../src/platform/payment-provider.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import type { SandboxSms } from '../src/platform/sms.ts';
import { createDeps } from '../src/bootstrap.ts';
import type { Deps } from '../src/deps.ts';
import { scratchRoot, withDatabase } from './global-setup.ts';

/**
 * Where a server process can find a fresh copy of the migrated template: a PostgreSQL URL (with
 * TEST_DATABASE_URL) or a PGlite data directory on disk. `drop` removes it.
 */
export async function freshDatabaseLocation(): Promise<{
  env: Record<string, string>;
  url?: string;
  dataDir?: string;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `haowu_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    await admin.end();
    const url = withDatabase(adminUrl, name);
    return {
      env: { DATABASE_URL: url },
      url,
      async drop() {
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haowu-test-pglite-'));
  await copyPgliteTemplate(path.join(dataDir, 'pglite'));
  return { env: { DATA_DIR: dataDir }, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

/** A fresh database for one test file: a copy of the migrated template, on PGlite or (with TEST_DATABASE_URL) PostgreSQL. */
export async function freshDatabase(): Promise<Database> {
  if (process.env.TEST_DATABASE_URL) {
    const location = await freshDatabaseLocation();
    const database = await openDatabase({ url: location.url!, poolSize: 30 });
    const close = database.close;
    database.close = async () => {
      await close();
      await location.drop();
    };
    return database;
  }
  const dir = await mkdtemp(path.join(scratchRoot(), 'haowu-test-db-'));
  await copyPgliteTemplate(dir);
  const database = await openDatabase({ pglite: await PGlite.create({ dataDir: dir }) });
  const close = database.close;
  database.close = async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  };
  return database;
}

/** A copy of the migrated PGlite template at `dir` (a data directory PGlite, or a server process, can open). */
export async function copyPgliteTemplate(dir: string): Promise<void> {
  await cp(inject('pgliteTemplate'), dir, { recursive: true });
}

export interface TestApp {
  app: App;
  deps: Deps;
  clock: ManualClock;
  sms: SandboxSms;
  payments: SandboxPaymentProvider;
  /** Dispatches every pending outbox event to its subscribers. */
  drain(): Promise<number>;
  /** Runs jobs due at the clock's now, then dispatches the events they emitted. */
  runJobs(): Promise<number>;
  close(): Promise<void>;
}

/** The same buildApp as main.ts, on a fresh database, with a hand-moved clock and sandbox ports. Closed after the file. */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: { log?: pino.Logger } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_ENABLED: 'true',
    // Tests grant roles to signed-in users and expect the next request to see them; the cache has its own test.
    SESSION_CACHE_SECONDS: '0',
    // Each test file gets its own in-memory engine; the loader runs when a test calls it.
    ANALYTICS_DUCKDB_PATH: ':memory:',
    ANALYTICS_LOAD_INTERVAL_MS: '0',
    // The seed's 1.2M demo behaviour events are for a first start, not for every test that seeds.
    SEED_EVENTS: '0',
    DATA_DIR: path.join(os.tmpdir(), 'haowu-test-data'),
    // app.inject comes from 127.0.0.1: tests act as the proxy in front and name clients with X-Forwarded-For.
    TRUST_PROXY: '127.0.0.1',
    // Tests jump the clock by days: catching up six hours of minute checks after each jump cost a minute a file.
    // The alerts tests, which are about catching up, set it back.
    ALERTS_CATCH_UP_MINUTES: '10',
    ...env,
  });
  const log = opts.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const clock = new ManualClock();
  // Tests dispatch events explicitly (drain) so what runs when is visible in the test.
  const deps = createDeps(config, database, { log, clock, autoDispatch: false });
  const sms = deps.sms as SandboxSms;
  // Tests that configure PAYMENT_PROVIDERS keep sandbox in the list: the factories pay through it.
  const payments = deps.payments.get('sandbox') as SandboxPaymentProvider;
  const app = await buildApp(deps);
  await app.ready();
  const t: TestApp = {
    app,
    deps,
    clock,
    sms,
    payments,
    drain: () => deps.events.drain(),
    async runJobs() {
      const n = await deps.jobs.runDue();
      await deps.events.drain();
      return n;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  afterAll(() => t.close());
  return t;
}
