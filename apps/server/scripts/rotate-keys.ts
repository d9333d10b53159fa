// `npm run rotate-keys`: field encryption key rotation (docs/SECURITY.md "Field encryption"). Every data key and the
// index key are unwrapped with the old master key and wrapped with the new one, in one transaction; a fresh data key
// takes over new writes. No sealed row is rewritten: each names its data key, which is unchanged.
//
//   old master: DATA_ENCRYPTION_KEY_PREVIOUS, else the generated DATA_DIR/keys/master.key
//   new master: DATA_ENCRYPTION_KEY, else a new key generated into DATA_DIR/keys/master.key (the old file is kept
//               beside it as master.key.previous-<time> until you delete it)
// With the same old and new master, only the data key is renewed. Stop the server first on PGlite (one process).
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openConfiguredDatabase } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { FieldCrypto, localMasterKey, parseMasterKey } from '../src/platform/field-crypto.ts';

const config = loadConfig();
const keyFile = path.join(path.resolve(config.DATA_DIR), 'keys', 'master.key');
const oldKey = config.DATA_ENCRYPTION_KEY_PREVIOUS
  ? parseMasterKey(config.DATA_ENCRYPTION_KEY_PREVIOUS)
  : config.DATA_ENCRYPTION_KEY && !config.DATA_ENCRYPTION_KEY_PREVIOUS
    ? parseMasterKey(config.DATA_ENCRYPTION_KEY)
    : parseMasterKey(readFileSync(keyFile, 'utf8'));
const newKey = config.DATA_ENCRYPTION_KEY ? parseMasterKey(config.DATA_ENCRYPTION_KEY) : randomBytes(32);

const database = await openConfiguredDatabase(config);
let exitCode = 0;
try {
  const current = new FieldCrypto(localMasterKey(oldKey));
  await current.load(database.db, new Date());
  const next = localMasterKey(newKey);
  const result = await database.db.transaction((tx) => current.rotate(tx, next, new Date()));
  if (!config.DATA_ENCRYPTION_KEY) {
    renameSync(keyFile, `${keyFile}.previous-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    writeFileSync(keyFile, newKey.toString('hex'), { mode: 0o600 });
    console.log(`新主密钥已写入 / new master key written to ${keyFile} — back it up.`);
  }
  console.log(
    `密钥轮换完成 / keys rotated: ${result.rewrapped} key(s) re-wrapped under ${next.id}; ` +
      `new data key ${result.newDataKeyId} seals new writes.`,
  );
  if (config.DATA_ENCRYPTION_KEY_PREVIOUS) {
    console.log('现在可以从环境中移除 DATA_ENCRYPTION_KEY_PREVIOUS / you can now remove DATA_ENCRYPTION_KEY_PREVIOUS.');
  }
} catch (err) {
  console.error(`密钥轮换失败 / rotation failed: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
