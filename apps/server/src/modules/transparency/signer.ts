import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The bytes a tree head's signature covers: a fixed prefix, the size, the root and the time, one per line. */
export const treeHeadMessage = (treeSize: number, rootHash: string, signedAt: string): string =>
  `haowu-tree-head-v1\n${treeSize}\n${rootHash}\n${signedAt}`;

export interface LogSigner {
  /** The raw 32-byte Ed25519 public key, base64: what a verifier imports. */
  publicKey: string;
  /** First 16 hex digits of SHA-256 of the public key: names the key in each head. */
  keyId: string;
  sign(message: string): string;
}

const signers = new Map<string, LogSigner>();

/**
 * The log's Ed25519 key: TRANSPARENCY_SIGNING_KEY (PKCS#8 PEM) when set, otherwise DATA_DIR/transparency-ed25519.pem,
 * generated on first start. A second process racing to create it reads the winner's file instead of forking keys.
 */
export function logSigner(config: { DATA_DIR: string; TRANSPARENCY_SIGNING_KEY?: string | undefined }): LogSigner {
  const source = config.TRANSPARENCY_SIGNING_KEY ?? path.resolve(config.DATA_DIR, 'transparency-ed25519.pem');
  const cached = signers.get(source);
  if (cached) return cached;
  // A PEM pasted into one env line keeps its newlines as \n.
  const pem = config.TRANSPARENCY_SIGNING_KEY?.replaceAll('\\n', '\n');
  const key = pem ? createPrivateKey(pem) : keyFile(source);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('TRANSPARENCY_SIGNING_KEY must be an Ed25519 key');
  const raw = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  const signer: LogSigner = {
    publicKey: raw.toString('base64'),
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), key).toString('base64'),
  };
  signers.set(source, signer);
  return signer;
}

function keyFile(file: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
    return privateKey;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return createPrivateKey(readFileSync(file, 'utf8'));
  }
}
