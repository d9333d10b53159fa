import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it
 * (PGlite: a copied data directory; PostgreSQL: CREATE DATABASE … TEMPLATE), which is much faster than migrating each time.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `haowu_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const database = await openDatabase({ url: withDatabase(adminUrl, name), poolSize: 2 });
    await database.migrate();
    await database.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  // The template is a PGlite data directory; each file copies it (a plain file copy) and opens the copy. Loading a
  // dumped tar into memory instead cost ~2× as much per file (untar into the in-memory file system), on every file.
  const dir = await mkdtemp(path.join(scratchRoot(), 'haowu-test-'));
  const templateDir = path.join(dir, 'template');
  const client = await PGlite.create({ dataDir: templateDir });
  const database = await openDatabase({ pglite: client });
  await database.migrate();
  await client.close();
  project.provide('pgliteTemplate', templateDir);
  project.provide('pgTemplate', '');
  return async () => rm(dir, { recursive: true, force: true });
}

/** Where test databases' files go: shared memory when the machine has it (they are many and short-lived). */
export function scratchRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
