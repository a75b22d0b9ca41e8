// Verifying the audit chain: ids contiguous from 1, each row linked to the one before, entries
// before `since` hashed with SHA-256 (the chain as it was before the key), the rest MACed with
// the key, and the newest entry the one the anchor outside the table names. Pure: the caller
// passes the rows, the digests and the anchor.
import type { AuditVerify } from '../../lib/contracts';
import { GENESIS_HASH, rowHash, type ChainContent } from '../../lib/actions/hash-chain';
import type { AnchorRead } from './audit-anchor';
import type { Digest } from './audit-key';

export type ChainRow = ChainContent & { hash: string; kind?: string; data?: unknown };

export interface VerifyInput {
  rows: ChainRow[];
  sha256: Digest;
  mac: Digest;
  anchor: AnchorRead;
  /** SQLite's AUTOINCREMENT mark: deleted newest rows show even if the anchor is gone. */
  lastIssuedId: number;
}

function walk(rows: ChainRow[], since: number, sha256: Digest, mac: Digest) {
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  for (const row of rows) {
    const { hash, ...content } = row;
    const bad = (problem: string) => ({ prevId, prevHash, bad: { firstBadId: row.id, problem } });
    if (row.id !== prevId + 1) return bad(`entries ${prevId + 1}–${row.id - 1} are missing`);
    if (row.prevHash !== prevHash)
      return bad(
        row.id === since && prevId > 0
          ? 'does not link to the entry before it (an entry written before the audit key was changed)'
          : 'does not link to the entry before it',
      );
    const keyed = row.id >= since;
    if (rowHash(content, keyed ? mac : sha256) !== hash)
      return bad(
        keyed
          ? 'its MAC does not match: it was changed after it was written'
          : 'its content changed after it was written',
      );
    prevHash = hash;
    prevId = row.id;
  }
  return { prevId, prevHash, bad: null };
}

/** A re-anchoring that found the anchor gone: the entries before it cannot be vouched for. */
function lostAnchor(rows: ChainRow[]): ChainRow | undefined {
  return rows.find(
    (r) =>
      r.kind === 'audit.key_introduced' &&
      typeof r.data === 'object' &&
      r.data !== null &&
      'anchorMissing' in r.data &&
      r.data.anchorMissing === true,
  );
}

export function verifyAuditChain(i: VerifyInput): AuditVerify {
  const entries = i.rows.length;
  if (i.anchor.state === 'invalid') return { ok: false, entries, problem: i.anchor.problem };
  if (i.anchor.state === 'missing')
    return { ok: false, entries, problem: 'the anchor file (audit.anchor.json) is missing' };
  const anchor = i.anchor.anchor;
  const base = {
    entries,
    keyedSince: anchor.since,
    anchor: { entries: anchor.entries, lastId: anchor.lastId, head: anchor.head, at: anchor.at },
  };
  const w = walk(i.rows, anchor.since, i.sha256, i.mac);
  if (w.bad) return { ok: false, ...base, ...w.bad };
  if (w.prevId < anchor.lastId)
    return {
      ok: false,
      ...base,
      truncatedAfter: w.prevId,
      problem: `entries ${w.prevId + 1}–${anchor.lastId} were removed: the anchor outside the database names entry ${anchor.lastId} as the newest (${anchor.entries} entries)`,
    };
  if (w.prevId === anchor.lastId && w.prevHash !== anchor.head)
    return {
      ok: false,
      ...base,
      firstBadId: w.prevId,
      problem: 'the newest entry is not the one the anchor outside the database names',
    };
  if (i.lastIssuedId > w.prevId)
    return {
      ok: false,
      ...base,
      truncatedAfter: w.prevId,
      problem: `entries ${w.prevId + 1}–${i.lastIssuedId} were deleted`,
    };
  const lost = lostAnchor(i.rows);
  if (lost)
    return {
      ok: false,
      ...base,
      firstBadId: lost.id,
      problem: `the anchor file was missing when entry ${lost.id} re-anchored the chain: the entries before it cannot be vouched for`,
    };
  // Rows after the anchor's head verified with the key: only a crash between the row's commit
  // and the anchor's write leaves them, and the next entry moves the anchor on.
  return { ok: true, ...base };
}
