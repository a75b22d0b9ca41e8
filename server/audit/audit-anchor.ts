// The chain's head, kept outside the table: how many entries there are, the newest id and its
// MAC. Someone who deletes the newest rows (and lowers sqlite_sequence) cannot make the anchor
// agree, because the anchor is MACed with the audit key; copies of it go into every webhook
// payload and into the log once a minute, so rolling back the anchor file shows too.
import { renameSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../lib/actions/hash-chain';
import type { Digest } from './audit-key';

export const AUDIT_ANCHOR_FILE = 'audit.anchor.json';

export const AuditAnchorSchema = z
  .object({
    /** First id MACed with the key; entries before it were chained with plain SHA-256. */
    since: z.number().int().min(1),
    lastId: z.number().int().min(0),
    entries: z.number().int().min(0),
    head: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.number(),
  })
  .strict();
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;

const StoredAnchorSchema = AuditAnchorSchema.extend({ mac: z.string() }).strict();

export type AnchorRead =
  | { state: 'ok'; anchor: AuditAnchor }
  | { state: 'missing' }
  | { state: 'invalid'; problem: string };

const anchorMac = (a: AuditAnchor, mac: Digest) => mac(`anchor\n${canonicalJson(a)}`);

/** Where the anchor lives: a file beside the key file, or (in-memory database) in memory. */
export interface AnchorStore {
  read(): AnchorRead;
  write(a: AuditAnchor): void;
}

export function fileAnchorStore(dataDir: string, mac: Digest): AnchorStore {
  const file = path.join(dataDir, AUDIT_ANCHOR_FILE);
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
        return {
          state: 'invalid',
          problem: `the anchor file cannot be read (${(err as Error).message})`,
        };
      }
      let parsed: z.infer<typeof StoredAnchorSchema>;
      try {
        parsed = StoredAnchorSchema.parse(JSON.parse(text));
      } catch {
        return { state: 'invalid', problem: `the anchor file ${file} is not a valid anchor` };
      }
      const { mac: stored, ...anchor } = parsed;
      if (anchorMac(anchor, mac) !== stored)
        return {
          state: 'invalid',
          problem:
            'the anchor file does not verify with the audit key (it was edited, or the key changed)',
        };
      return { state: 'ok', anchor };
    },
    write(a) {
      // Write then rename: a crash leaves the old anchor or the new one, never half of one.
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ ...a, mac: anchorMac(a, mac) })}\n`, { mode: 0o600 });
      renameSync(tmp, file);
    },
  };
}

export function memoryAnchorStore(): AnchorStore {
  let current: AuditAnchor | null = null;
  return {
    read: () => (current ? { state: 'ok', anchor: current } : { state: 'missing' }),
    write(a) {
      current = a;
    },
  };
}
