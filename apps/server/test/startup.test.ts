import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeps } from '../src/bootstrap.ts';
import { loadConfig, StartupError } from '../src/config.ts';
import { createUser } from '../src/modules/accounts/service.ts';
import { createMerchant } from '../src/modules/catalog/service.ts';
import { systemActor } from '../src/platform/auth.ts';
import { makeCtx } from '../src/platform/context.ts';
import { openDatabase } from '../src/platform/db.ts';
import { freshDatabaseLocation } from './harness.ts';

// Start-up as an operator meets it (issue 13, findings 10, 12, 13; issue 23): the real scripts and the real
// server process, their exit codes and what they print.
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const mainTs = path.join(repoRoot, 'apps/server/src/main.ts');
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

interface Run {
  child: ChildProcess;
  out: string;
  err: string;
  /** Resolves with the first stdout/stderr text matching `re`, or rejects when the process exits first. */
  waitFor(re: RegExp): Promise<string>;
  exit: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

function startMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [mainTs], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      WORKERS_ENABLED: 'false',
      ANALYTICS_LOAD_INTERVAL_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const run: Run = {
    child,
    out: '',
    err: '',
    exit: once(child, 'exit').then(([code]) => code as number | null),
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(run.out) ?? re.exec(run.err);
          if (m) resolve(m[0]);
          return Boolean(m);
        };
        if (check()) return;
        child.stdout.on('data', () => void check());
        child.stderr.on('data', () => void check());
        child.once('exit', () => {
          if (!check()) reject(new Error(`exited before ${re}:\n${run.out}\n${run.err}`));
        });
      }),
  };
  child.stdout.on('data', (b: Buffer) => (run.out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (run.err += b.toString()));
  return run;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('finding 13: the Node version is checked before anything needs Node 24', () => {
  /** A directory whose `node` reports `version`, put first on PATH. */
  const fakeNode = (version: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'haowu-node-'));
    writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho ${version}\n`);
    chmodSync(path.join(dir, 'node'), 0o755);
    return dir;
  };
  const realNode20 = () => {
    const found = spawnSync('/usr/bin/node', ['-p', 'process.versions.node']).stdout?.toString().trim();
    if (!found || Number(found.split('.')[0]) >= 24) return undefined;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'haowu-node-'));
    symlinkSync('/usr/bin/node', path.join(dir, 'node'));
    return { dir, found };
  };
  const run = (script: string, binDir: string) =>
    spawnSync('bash', [script], {
      cwd: repoRoot,
      env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` },
      encoding: 'utf8',
    });

  it.each(['scripts/start.sh', 'scripts/test-all.sh'])('%s refuses Node 22 with how to get Node 24', (script) => {
    const res = run(script, fakeNode('22.12.0'));
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Haowu needs Node.js ≥ 24 (found 22.12.0)');
    expect(res.stderr).toContain('nvm install 24');
    expect(res.stdout).toBe(''); // nothing ran before the check
  });

  it.skipIf(!realNode20())('scripts/start.sh refuses the real Node 20 at /usr/bin/node', () => {
    const { dir, found } = realNode20()!;
    const res = run('scripts/start.sh', dir);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`Haowu needs Node.js ≥ 24 (found ${found})`);
    expect(res.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('.ci/run installs Node 24 for exactly the versions the scripts refuse', () => {
    const ciNeedsNode = (binDir: string) =>
      spawnSync('bash', ['-c', 'source <(sed -n "/^need_node()/,/^}/p" .ci/run); need_node'], {
        cwd: repoRoot,
        env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` },
      }).status === 0;
    // .ci/run asks its node with -e; a fake node that exits like the real one would is a real node of that major.
    const nodeOf = (version: string) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'haowu-node-'));
      const major = Number(version.split('.')[0]);
      writeFileSync(
        path.join(dir, 'node'),
        `#!/bin/sh\nif [ "$1" = "-e" ]; then exec ${process.execPath} -e "Object.defineProperty(process.versions,'node',{value:'${version}'}); $2"; fi\necho ${version}\n`,
      );
      chmodSync(path.join(dir, 'node'), 0o755);
      return { dir, refused: major < 24 };
    };
    for (const version of ['20.19.0', '22.12.0', '22.20.0', '24.0.0', '25.1.0']) {
      const { dir, refused } = nodeOf(version);
      expect({ version, installs: ciNeedsNode(dir) }).toEqual({ version, installs: refused });
      expect({ version, refused: run('scripts/start.sh', fakeNode(version)).stderr.includes('needs Node.js') }).toEqual(
        { version, refused },
      );
    }
  });
});

describe('finding 10: production refuses secrets whose default is public', () => {
  it('names each default secret and how to set it, without a stack trace, and exits non-zero', async () => {
    const server = startMain({ NODE_ENV: 'production', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'haowu-s-')) });
    expect(await server.exit).toBe(1);
    expect(server.err).toContain('PAYMENT_SANDBOX_SECRET still has its public default');
    expect(server.err).toContain('ANALYTICS_PSEUDONYM_SECRET still has its public default');
    expect(server.err).toContain('openssl rand -hex 32');
    noStackTrace(server.err);
  });

  it('starts in production once every secret is set, and in development with the defaults', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        PAYMENT_SANDBOX_SECRET: 'x'.repeat(32),
        ANALYTICS_PSEUDONYM_SECRET: 'y'.repeat(32),
      }),
    ).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production', PAYMENT_SANDBOX_SECRET: 'x'.repeat(32) })).toThrow(
      /ANALYTICS_PSEUDONYM_SECRET/,
    );
    expect(() => loadConfig({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(StartupError);
  });
});

describe('finding 12: bad database settings are one clear line and a non-zero exit', { timeout: 240_000 }, () => {
  it('a DATABASE_URL that is not PostgreSQL', async () => {
    const server = startMain({ DATABASE_URL: 'mysql://root@127.0.0.1/haowu' });
    expect(await server.exit).toBe(1);
    expect(server.err.trim().split('\n')).toEqual([
      'Haowu cannot start: invalid configuration (environment variables, see .env.example):',
      '  DATABASE_URL: DATABASE_URL must start with postgres:// (or postgresql://)',
    ]);
  });

  it('a port where nothing listens: retried for the bounded time, then what to fix', async () => {
    const port = await freePort();
    const server = startMain({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/haowu`,
      DATABASE_CONNECT_TIMEOUT_SECONDS: '1',
    });
    expect(await server.exit).toBe(1);
    expect(server.err).toContain(`[db] PostgreSQL at 127.0.0.1:${port} does not answer yet (ECONNREFUSED)`);
    const last = server.err.trim().split('\n').at(-1);
    expect(last).toBe(
      `Haowu cannot start: nothing accepts connections at 127.0.0.1:${port} (DATABASE_URL), retried for 1 s. Start PostgreSQL there, or fix the host and port in DATABASE_URL.`,
    );
    noStackTrace(server.err);
  });

  it.skipIf(!onPostgres)('a database name that does not exist: at once, with the createdb command', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/haowu_no_such_database';
    const server = startMain({ DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_SECONDS: '600' });
    expect(await server.exit).toBe(1);
    expect(server.err.trim()).toBe(
      `Haowu cannot start: database "haowu_no_such_database" does not exist on ${url.hostname}:${url.port || '5432'} (DATABASE_URL). Create it (createdb -h ${url.hostname} -p ${url.port || '5432'} haowu_no_such_database) or point DATABASE_URL at an existing database.`,
    );
  });

  it.skipIf(!onPostgres)('a wrong password or user: at once, without echoing the password', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.username = 'haowu_no_such_user';
    url.password = 's3cret-pw';
    const server = startMain({ DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_SECONDS: '600' });
    expect(await server.exit).toBe(1);
    expect(server.err).toMatch(/^Haowu cannot start: PostgreSQL at .+ refused user "haowu_no_such_user"/);
    expect(server.err).toContain('Fix the user and password in DATABASE_URL.');
    expect(server.err).not.toContain('s3cret-pw');
  });

  it.skipIf(!onPostgres)('PostgreSQL that comes up during start-up is waited for, and the server starts', async () => {
    const location = await freshDatabaseLocation();
    const target = new URL(location.url!);
    const port = await freePort();
    const viaProxy = new URL(location.url!);
    viaProxy.host = `127.0.0.1:${port}`;
    const server = startMain({ DATABASE_URL: viaProxy.toString(), DATABASE_CONNECT_TIMEOUT_SECONDS: '120' });
    // Nothing listens on the port yet: the server says it is waiting …
    await server.waitFor(/does not answer yet \(ECONNREFUSED\); retrying/);
    // … and when "PostgreSQL" appears there (a TCP relay to the real one), it connects, migrates and listens.
    const relay = net.createServer((socket) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    relay.listen(port, '127.0.0.1');
    try {
      const base = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+(?=\/api\/health)/);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
      relay.close();
      await location.drop();
    }
  });

  it.skipIf(onPostgres)('an embedded database directory that cannot be opened names DATA_DIR', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'haowu-bad-'));
    writeFileSync(path.join(dataDir, 'pglite'), 'not a directory');
    const server = startMain({ DATA_DIR: dataDir });
    expect(await server.exit).toBe(1);
    expect(server.err).toMatch(/^Haowu cannot start: cannot open the embedded database in .+pglite \(DATA_DIR\)/);
    noStackTrace(server.err);
  });
});

describe(
  'issue 23: the banner is printed when the port listens, with the demo accounts in plain lines',
  { timeout: 240_000 },
  () => {
    it('prints the URLs once they answer, and the demo accounts this database has', async () => {
      const location = await freshDatabaseLocation();
      try {
        // A database that already holds the demo consumer and a shop: the seed is skipped, the accounts are shown.
        const config = loadConfig({ LOG_LEVEL: 'silent', ...location.env });
        const database = await openDatabase(
          location.url ? { url: location.url, poolSize: 2 } : { dataDir: path.join(location.dataDir!, 'pglite') },
        );
        const deps = createDeps(config, database, { autoDispatch: false });
        await deps.fieldCrypto.load(database.db, new Date()); // phones are sealed with the key the server will use
        await createMerchant(makeCtx(deps, systemActor('test')), { name: '横幅测试店', ownerPhone: '13700000002' });
        await createUser(deps, database.db, { phone: '13800000001', now: new Date(), password: 'haowu123' });
        await deps.analytics.close();
        await database.close();

        const server = startMain({ ...location.env, SEED_ON_START: 'true' });
        const shop = await server.waitFor(/商城 Shop: +http:\/\/127\.0\.0\.1:\d+/);
        // The moment the banner is out, its URLs answer.
        const base = /http:\/\/127\.0\.0\.1:\d+/.exec(shop)![0];
        expect((await fetch(`${base}/api/health`)).status).toBe(200);
        await server.waitFor(/密码 haowu123\n/);
        expect(server.out).toContain('演示账号 Demo accounts (演示数据):');
        expect(server.out).toMatch(/消费者 +手机号 13800000001 +密码 haowu123/);
        for (const line of server.out.split('\n').filter((l) => l.includes('13800000001')))
          expect(line.startsWith('{')).toBe(false); // a plain line, not inside a JSON log record
        server.child.kill('SIGTERM');
        expect(await server.exit).toBe(0);
      } finally {
        await location.drop();
      }
    });

    it('shows no demo accounts when the start does not seed', async () => {
      const location = await freshDatabaseLocation();
      try {
        const server = startMain({ ...location.env, SEED_ON_START: 'false' });
        await server.waitFor(/健康检查: +http.+\n\n/);
        expect(server.out).not.toContain('演示账号');
        server.child.kill('SIGTERM');
        await server.exit;
      } finally {
        await location.drop();
      }
    });
  },
);

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
