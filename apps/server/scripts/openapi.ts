// Writes the server's OpenAPI 3.1 document to packages/api-types/openapi.json without starting a listener:
// the front ends' typed client is generated from it (see packages/api-types).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { createDeps } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db.ts';

const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: path.join(os.tmpdir(), 'haowu-openapi') });
const database = await openDatabase({});
await database.migrate();
const app = await buildApp(createDeps(config, database, { autoDispatch: false }));
await app.ready();
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/api-types/openapi.json');
await writeFile(out, JSON.stringify(app.swagger(), null, 2));
await app.close();
await database.close();
console.log(`OpenAPI document written to ${path.relative(process.cwd(), out)}`);
