// Writes the server's OpenAPI 3.1 document to packages/api-types/openapi.json without starting a listener:
// the front ends' typed client is generated from it (see packages/api-types).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { SandboxPaymentProvider } from '../src/modules/payments/provider.ts';
import { systemClock } from '../src/platform/clock.ts';
import { openDatabase } from '../src/platform/db.ts';
import { EventBus } from '../src/platform/events.ts';
import { JobQueue } from '../src/platform/jobs.ts';
import { LocalMediaStore } from '../src/platform/media.ts';
import { SandboxSms } from '../src/platform/sms.ts';

const config = loadConfig({ LOG_LEVEL: 'silent' });
const log = pino({ level: 'silent' });
const database = await openDatabase({});
await database.migrate();
const app = await buildApp({
  config,
  database,
  clock: systemClock,
  log,
  events: new EventBus(database.db, log, false),
  jobs: new JobQueue(database.db, systemClock, log),
  sms: new SandboxSms(log),
  payments: new SandboxPaymentProvider(config.PAYMENT_SANDBOX_SECRET),
  media: new LocalMediaStore(path.join(os.tmpdir(), 'haowu-openapi-media')),
});
await app.ready();
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/api-types/openapi.json');
await writeFile(out, JSON.stringify(app.swagger(), null, 2));
await app.close();
await database.close();
console.log(`OpenAPI document written to ${path.relative(process.cwd(), out)}`);
