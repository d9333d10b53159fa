// npm run verify-log — checks the transparency log from outside, trusting nothing the server says
// (docs/TRANSPARENCY.md, "Offline verifier"). Uses node:crypto and the dependency-free Merkle verifier only.
//
//   npm run verify-log -- --init head.json                 fetch the current head, check its signature, save it
//   npm run verify-log -- head.json [--entry N]... [--subject ID] [--url URL] [--update]
//
// With a saved head it checks: the saved head's signature; the current head's signature under the same key; a
// consistency proof from the saved head to the current one (nothing logged before was changed or removed); and,
// for each --entry leaf index (or each entry about --subject), an inclusion proof against the current head.
// --update saves the current head once everything passed. Exit 0 when all checks pass, 1 on a failed check,
// 2 on bad usage or when the server cannot be reached.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { leafHash, verifyConsistency, verifyInclusion } from '../src/modules/transparency/merkle.ts';

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  signature: string;
  keyId?: string;
  publicKey: string;
}
/** GETs a path of the public API and returns the parsed JSON body (throws on a non-2xx answer). */
export type FetchJson = (path: string) => Promise<unknown>;
export interface Line {
  ok: boolean;
  text: string;
}

// An Ed25519 SubjectPublicKeyInfo is this fixed DER prefix followed by the raw 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const HEX64 = /^[0-9a-f]{64}$/;
const hex = (s: string): Buffer => Buffer.from(s, 'hex');

/** Rebuilds the signed text from the head's fields (never trusts the server's `signedMessage`) and checks it. */
export function headSignatureValid(h: TreeHead): boolean {
  try {
    const raw = Buffer.from(h.publicKey, 'base64');
    if (raw.length !== 32 || !HEX64.test(h.rootHash) || !Number.isInteger(h.treeSize)) return false;
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    const message = `haowu-tree-head-v1\n${h.treeSize}\n${h.rootHash}\n${h.signedAt}`;
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(h.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Every check, in order; a line per check. `ok` is false as soon as one fails (later checks still report). */
export async function verifyLog(
  fetchJson: FetchJson,
  saved: TreeHead,
  opts: { entries?: number[]; subject?: string } = {},
): Promise<{ ok: boolean; lines: Line[]; current: TreeHead }> {
  const lines: Line[] = [];
  const check = (ok: boolean, text: string) => {
    lines.push({ ok, text });
    return ok;
  };
  check(headSignatureValid(saved), `保存的树头签名有效 / saved head signature valid (size ${saved.treeSize})`);
  const current = (await fetchJson('/api/v1/transparency/head')) as TreeHead;
  check(
    current.publicKey === saved.publicKey,
    `当前树头使用同一把签名公钥 / current head uses the saved public key (${saved.keyId ?? saved.publicKey})`,
  );
  check(headSignatureValid(current), `当前树头签名有效 / current head signature valid (size ${current.treeSize})`);
  if (current.treeSize < saved.treeSize) {
    check(false, `日志变短了 / log shrank: ${saved.treeSize} → ${current.treeSize}`);
  } else if (current.treeSize === saved.treeSize) {
    check(current.rootHash === saved.rootHash, `树大小相同，根哈希一致 / same size, same root (${current.treeSize})`);
  } else {
    const c = (await fetchJson(`/api/v1/transparency/consistency?from=${saved.treeSize}&to=${current.treeSize}`)) as {
      proof: string[];
    };
    const consistent = verifyConsistency(
      saved.treeSize,
      current.treeSize,
      hex(saved.rootHash),
      hex(current.rootHash),
      c.proof.map(hex),
    );
    check(
      consistent,
      `一致性证明通过：${saved.treeSize} 条是 ${current.treeSize} 条的前缀 / consistency proof: ` +
        `the ${saved.treeSize}-entry log is a prefix of the ${current.treeSize}-entry log`,
    );
  }
  const indexes = [...(opts.entries ?? [])];
  if (opts.subject) {
    const found = (await fetchJson(
      `/api/v1/transparency/entries?subjectId=${encodeURIComponent(opts.subject)}&limit=100`,
    )) as { items: { leafIndex: number }[] };
    if (
      check(
        found.items.length > 0,
        `找到关于 ${opts.subject} 的条目 / entries about ${opts.subject}: ${found.items.length}`,
      )
    )
      indexes.push(...found.items.map((e) => e.leafIndex));
  }
  for (const index of indexes) await checkEntry(fetchJson, current, index, check);
  return { ok: lines.every((l) => l.ok), lines, current };
}

async function checkEntry(
  fetchJson: FetchJson,
  head: TreeHead,
  index: number,
  check: (ok: boolean, text: string) => boolean,
): Promise<void> {
  if (index >= head.treeSize) {
    check(false, `条目 #${index} 不在当前树中 / entry #${index} is beyond the current tree (${head.treeSize})`);
    return;
  }
  const p = (await fetchJson(`/api/v1/transparency/entries/${index}/proof?treeSize=${head.treeSize}`)) as {
    entry: { leafIndex: number; leafData: string; leafHash: string };
    path: string[];
  };
  const leaf = leafHash(p.entry.leafData);
  let about = '';
  try {
    const data = JSON.parse(p.entry.leafData) as { kind?: string; subject?: string; index?: number };
    about = ` ${data.kind ?? '?'} ${data.subject ?? '?'}`;
    check(data.index === index, `条目 #${index} 的序号与其内容一致 / entry #${index} names its own index`);
  } catch {
    check(false, `条目 #${index} 不是合法的 JSON / entry #${index} is not valid JSON`);
  }
  check(leaf.toString('hex') === p.entry.leafHash, `条目 #${index} 的哈希与内容一致 / entry #${index} hash matches`);
  const included = verifyInclusion(index, head.treeSize, leaf, p.path.map(hex), hex(head.rootHash));
  check(included, `条目 #${index}${about} 包含在当前树中 / entry #${index} is included under the current head`);
}

/** fetch against a server's base URL. */
export const httpFetchJson =
  (base: string): FetchJson =>
  async (path) => {
    const res = await fetch(new URL(path, base));
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
    return (await res.json()) as unknown;
  };

function parseArgs(argv: string[]) {
  const out = {
    file: '',
    init: false,
    update: false,
    url: 'http://127.0.0.1:3000',
    entries: [] as number[],
    subject: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--init') out.init = true;
    else if (a === '--update') out.update = true;
    else if (a === '--url') out.url = next();
    else if (a === '--subject') out.subject = next();
    else if (a === '--entry') {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 0) throw new Error('--entry needs a leaf index (0, 1, 2 …)');
      out.entries.push(n);
    } else if (!a.startsWith('--') && !out.file) out.file = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!out.file) throw new Error('name the saved head file');
  return out;
}

const USAGE = `用法 / usage:
  npm run verify-log -- --init head.json [--url URL]
  npm run verify-log -- head.json [--entry N]... [--subject ID] [--url URL] [--update]`;

/** The command line: prints one line per check and returns the exit code. */
export async function main(argv: string[], print: (s: string) => void = console.log): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    print(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const fetchJson = httpFetchJson(args.url);
  try {
    if (args.init) {
      const head = (await fetchJson('/api/v1/transparency/head')) as TreeHead;
      if (!headSignatureValid(head)) {
        print(`✗ 当前树头签名无效，未保存 / current head signature invalid, not saved`);
        return 1;
      }
      writeFileSync(args.file, `${JSON.stringify(head, null, 2)}\n`);
      print(`✓ 已保存树头 / saved head: size ${head.treeSize}, root ${head.rootHash} → ${args.file}`);
      return 0;
    }
    if (!existsSync(args.file)) {
      print(`找不到 ${args.file}：先用 --init 保存一个树头 / ${args.file} not found: save a head with --init first`);
      return 2;
    }
    const saved = JSON.parse(readFileSync(args.file, 'utf8')) as TreeHead;
    const result = await verifyLog(fetchJson, saved, {
      entries: args.entries,
      ...(args.subject ? { subject: args.subject } : {}),
    });
    for (const l of result.lines) print(`${l.ok ? '✓' : '✗'} ${l.text}`);
    if (!result.ok) {
      print('✗ 核验失败 / verification FAILED');
      return 1;
    }
    if (args.update) writeFileSync(args.file, `${JSON.stringify(result.current, null, 2)}\n`);
    print(`✓ 全部通过 / all checks passed${args.update ? ` (${args.file} → size ${result.current.treeSize})` : ''}`);
    return 0;
  } catch (e) {
    print(`无法完成核验 / could not verify: ${(e as Error).message}`);
    return 2;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
