// The audit key: the secret the chain is MACed with, kept out of the database so whoever can
// edit the SQLite file cannot re-forge the chain. REPLICAOPS_AUDIT_KEY (through config.ts) wins;
// otherwise a random key is generated once into `<dataDir>/audit.key` (0600).
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { logger } from '../logger';

const log = logger('audit');

export const AUDIT_KEY_FILE = 'audit.key';

export interface AuditKey {
  key: Buffer;
  source: 'env' | 'file' | 'memory';
  /** True when this start created the key file (no chain was keyed before with it). */
  created: boolean;
}

export type Digest = (text: string) => string;

export function hmacWith(key: Buffer): Digest {
  return (text) => createHmac('sha256', key).update(text).digest('hex');
}

function readKeyFile(file: string): Buffer {
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new Error(
      `${file}: expected 64 hex characters (the audit key); restore it from a backup`,
    );
  // A key file others can read lets them forge the chain: tighten it, and say so.
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
    log.warn({ file }, 'audit key file was readable by others; set to 0600');
  }
  return Buffer.from(text, 'hex');
}

/** `dataDir` null: an in-memory database, so an in-memory key (nothing outlives the process). */
export function loadAuditKey(dataDir: string | null, envKey?: string): AuditKey {
  if (envKey) return { key: Buffer.from(envKey, 'utf8'), source: 'env', created: false };
  if (!dataDir) return { key: randomBytes(32), source: 'memory', created: true };
  const file = path.join(dataDir, AUDIT_KEY_FILE);
  let fd: number;
  try {
    // 'wx': create only if absent, so two starts racing cannot both write a key.
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { key: readKeyFile(file), source: 'file', created: false };
  }
  const key = randomBytes(32);
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  log.info({ file }, 'audit key created');
  return { key, source: 'file', created: true };
}
