// The audit trail's tamper evidence: each row's hash covers the previous row's hash and the
// row's own canonical JSON, so an edited, removed or reordered row breaks the chain at its id.
// Pure: the caller passes the sha256 function (lib/ stays free of Node built-ins).
import type { AuditVerify } from '../contracts';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth and undefined dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hashed part of a row: everything but the hash itself. */
export interface ChainContent {
  id: number;
  prevHash: string;
  [field: string]: unknown;
}

export type Sha256 = (text: string) => string;

export function rowHash(content: ChainContent, sha256: Sha256): string {
  return sha256(content.prevHash + canonicalJson(content));
}

/**
 * Walks rows in id order. `lastIssuedId` (SQLite's AUTOINCREMENT high-water mark) reveals rows
 * deleted from the end, which no later row can vouch for.
 */
export function verifyChain(
  rows: Array<ChainContent & { hash: string }>,
  sha256: Sha256,
  lastIssuedId = 0,
): AuditVerify {
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  for (const row of rows) {
    const { hash, ...content } = row;
    if (row.id !== prevId + 1)
      return {
        ok: false,
        entries: rows.length,
        firstBadId: row.id,
        problem: `entries ${prevId + 1}–${row.id - 1} are missing`,
      };
    if (row.prevHash !== prevHash)
      return {
        ok: false,
        entries: rows.length,
        firstBadId: row.id,
        problem: 'does not link to the entry before it',
      };
    if (rowHash(content, sha256) !== hash)
      return {
        ok: false,
        entries: rows.length,
        firstBadId: row.id,
        problem: 'its content changed after it was written',
      };
    prevHash = hash;
    prevId = row.id;
  }
  if (lastIssuedId > prevId)
    return {
      ok: false,
      entries: rows.length,
      firstBadId: prevId + 1,
      problem: `entries ${prevId + 1}–${lastIssuedId} were deleted`,
    };
  return { ok: true, entries: rows.length };
}
