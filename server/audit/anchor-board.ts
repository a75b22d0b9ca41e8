// The latest audit anchor of this process, for copies kept outside the data dir: webhook
// payloads carry it, and the log repeats it once a minute. Whoever rolls back the anchor file
// together with the table is then contradicted by a copy they cannot reach.
import { logger } from '../logger';
import type { AuditAnchor } from './audit-anchor';

const log = logger('audit');

/** What leaves the process: the head, not where the keyed chain starts. */
export type PublishedAnchor = Pick<AuditAnchor, 'entries' | 'lastId' | 'head' | 'at'>;

const LOG_EVERY_MS = 60_000;
let latest: PublishedAnchor | null = null;
let timer: NodeJS.Timeout | null = null;

export function publishAnchor(a: AuditAnchor): void {
  latest = { entries: a.entries, lastId: a.lastId, head: a.head, at: a.at };
  if (timer) return;
  timer = setInterval(() => {
    if (latest) log.info({ auditAnchor: latest }, 'audit anchor');
  }, LOG_EVERY_MS);
  // One line a minute must never keep a stopping process alive.
  timer.unref();
  log.info({ auditAnchor: latest }, 'audit anchor');
}

export function latestAnchor(): PublishedAnchor | null {
  return latest;
}
