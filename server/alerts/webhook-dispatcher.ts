// Sends finding changes to the configured webhooks: only on open, severity change and resolve, so
// a receiver hears each state once. Every delivery is a row before it is a request: retries,
// restarts and the delivery log all read the same row. Nothing here throws into IncidentService.
import { EventEmitter } from 'node:events';
import type { Finding, Severity, WebhookDelivery } from '../../lib/contracts';
import type { ConfigFile } from '../config-schema';
import type { IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';
import type { Db } from '../store/database';
import { DeliveryStore, toDelivery, type DeliveryRow } from './delivery-store';
import { alertTimelineText, buildPayload, type WebhookEvent } from './webhook-payload';
import { backoffDelay, describeFetchError, sendOnce, type SendResult } from './webhook-send';

export { signBody, verifySignature } from './webhook-signature';

export type WebhookConfig = ConfigFile['alerts']['webhooks'][number];

export interface DispatcherOptions {
  /** Delay before the first retry; doubles each attempt (default 1000 ms). */
  backoffMs?: number;
  /** Ceiling of the retry delay (default 5 min). */
  maxBackoffMs?: number;
  /** ± fraction of random spread, so receivers coming back are not hit in lockstep (default 0.2). */
  jitter?: number;
  /** Finished deliveries older than this are pruned at start (default 30 days). */
  retentionMs?: number;
  random?: () => number;
  now?: () => number;
}

export interface WebhookSummary {
  name: string;
  format: WebhookConfig['format'];
  minSeverity: Severity;
  hasSecret: boolean;
  /** Scheme, host and port only: the path and query of a webhook URL often are its token. */
  origin: string;
}

export interface DispatcherEvents {
  'delivery:updated': [WebhookDelivery];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const log = logger('alerts');

export class WebhookDispatcher extends EventEmitter<DispatcherEvents> {
  private readonly store: DeliveryStore;
  private readonly hooks = new Map<string, WebhookConfig>();
  private readonly opts: Required<DispatcherOptions>;
  /** webhook → finding id → severity that receiver last heard (absent: it never heard of it). */
  private readonly heard = new Map<string, Map<string, Severity>>();
  /** Latest severity of every open finding, heard or not, for `previousSeverity`. */
  private readonly lastSeen = new Map<string, Severity>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Deliveries held back until an earlier one about the same finding finishes (keeps order). */
  private readonly waiting = new Map<number, number[]>();
  private readonly incidentOf = new Map<number, string>();
  private abort = new AbortController();
  private started = false;
  private stopped = false;
  private incidents: IncidentService | null = null;

  constructor(db: Db, webhooks: WebhookConfig[], opts: DispatcherOptions = {}) {
    super();
    this.store = new DeliveryStore(db);
    for (const w of webhooks) {
      if (this.hooks.has(w.name)) log.warn({ webhook: w.name }, 'duplicate webhook name; only the first is used');
      else this.hooks.set(w.name, w);
    }
    this.opts = {
      backoffMs: 1000,
      maxBackoffMs: 300_000,
      jitter: 0.2,
      retentionMs: 30 * 24 * 3600_000,
      random: Math.random,
      now: Date.now,
      ...opts,
    };
  }

  /** Subscribes to finding changes and resumes deliveries left pending by a previous run. */
  attach(incidents: IncidentService): void {
    this.incidents = incidents;
    this.guard('prime', () => this.prime(incidents.findings('open', 10_000)));
    incidents.on('finding:opened', (f) => this.guard('opened', () => this.onChange('opened', f)));
    incidents.on('finding:updated', (f) => this.guard('updated', () => this.onChange('updated', f)));
    incidents.on('finding:resolved', (f) => this.guard('resolved', () => this.onChange('resolved', f)));
    this.start();
  }

  /** Resume pending rows (due ones at once, the rest at their time). Idempotent. */
  start(): void {
    if (this.started && !this.stopped) return;
    this.started = true;
    this.stopped = false;
    this.abort = new AbortController();
    this.guard('start', () => {
      const pruned = this.store.prune(this.opts.now() - this.opts.retentionMs);
      if (pruned) log.info({ pruned }, 'old webhook deliveries pruned');
      const now = this.opts.now();
      for (const row of this.store.pending()) this.schedule(row.id, Math.max(0, (row.next_attempt_at ?? now) - now));
    });
  }

  /** Cancels timers and aborts requests in flight; their rows stay pending for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiting.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  deliveries(limit = 100, filter: { status?: WebhookDelivery['status']; webhook?: string } = {}): WebhookDelivery[] {
    return this.store.list(limit, filter);
  }

  webhooks(): WebhookSummary[] {
    return [...this.hooks.values()].map((w) => ({
      name: w.name,
      format: w.format,
      minSeverity: w.minSeverity,
      hasSecret: Boolean(w.secret),
      origin: new URL(w.url).origin,
    }));
  }

  /** After a restart: which open findings each receiver already heard of, from the delivery log. */
  private prime(open: Finding[]): void {
    const byId = new Map(open.map((f) => [f.id, f]));
    for (const f of open) this.lastSeen.set(f.id, f.severity);
    for (const r of this.store.lastEvents([...byId.keys()])) {
      const f = byId.get(r.finding_id);
      if (f && r.event !== 'finding_resolved') this.heardBy(r.webhook).set(f.id, f.severity);
    }
  }

  private heardBy(webhook: string): Map<string, Severity> {
    let m = this.heard.get(webhook);
    if (!m) this.heard.set(webhook, (m = new Map()));
    return m;
  }

  private onChange(kind: 'opened' | 'updated' | 'resolved', f: Finding): void {
    const before = this.lastSeen.get(f.id);
    if (kind === 'resolved') this.lastSeen.delete(f.id);
    else this.lastSeen.set(f.id, f.severity);
    for (const hook of this.hooks.values()) {
      const heard = this.heardBy(hook.name);
      const told = heard.get(f.id);
      const above = RANK[f.severity] >= RANK[hook.minSeverity];
      let event: WebhookEvent | null = null;
      if (kind === 'resolved') {
        // A receiver that never heard of the finding gets no resolve for it.
        if (told) event = 'finding_resolved';
        heard.delete(f.id);
      } else if (kind === 'opened') {
        if (above) event = 'finding_opened';
      } else if (told ? told !== f.severity : above) {
        // Crossing up into the receiver's range, or any change once it knows the finding
        // (a de-escalation too: it should not keep believing the worse state).
        event = 'finding_severity_changed';
      }
      if (!event) continue;
      if (event !== 'finding_resolved') heard.set(f.id, f.severity);
      const previous = event === 'finding_severity_changed' ? (told ?? before) : undefined;
      this.enqueue(hook, event, f, previous);
    }
  }

  private enqueue(hook: WebhookConfig, event: WebhookEvent, finding: Finding, previousSeverity?: Severity): void {
    const now = this.opts.now();
    const payload = buildPayload(hook.format, { event, finding, previousSeverity, sentAt: now });
    const id = this.store.insert({ webhook: hook.name, event, findingId: finding.id, payload, now });
    if (finding.incidentId) this.incidentOf.set(id, finding.incidentId);
    this.announce(id);
    // Once stopped, the row waits as pending for the next start instead of being lost.
    if (!this.stopped) this.schedule(id, 0);
  }

  private schedule(id: number, delayMs: number): void {
    const old = this.timers.get(id);
    if (old) clearTimeout(old);
    const t = setTimeout(() => {
      this.timers.delete(id);
      this.run(id);
    }, delayMs);
    // A retry hours away must not keep a finished process (or a test run) alive.
    t.unref();
    this.timers.set(id, t);
  }

  private run(id: number): void {
    if (this.inFlight.has(id) || this.stopped) return;
    const p = this.attempt(id)
      .catch((err: unknown) => log.error({ err, delivery: id }, 'webhook attempt failed unexpectedly'))
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, p);
  }

  private async attempt(id: number): Promise<void> {
    const row = this.store.get(id);
    if (!row || row.status !== 'pending') return;
    const hook = this.hooks.get(row.webhook);
    if (!hook) return this.finish(row, { status: 'failed', attempts: row.attempts, lastError: 'webhook no longer configured' });
    const blocker = this.store.earlierPending(row);
    if (blocker !== null) {
      this.waiting.set(blocker, [...(this.waiting.get(blocker) ?? []), id]);
      return;
    }
    let result: SendResult;
    try {
      result = await sendOnce(hook, row, this.opts.now(), this.abort.signal);
    } catch (err) {
      if (this.abort.signal.aborted) return; // stop(): not an attempt, the row stays pending
      result = { kind: 'retry', error: describeFetchError(err, hook), status: null };
    }
    const attempts = row.attempts + 1;
    if (result.kind === 'delivered')
      return this.finish(row, { status: 'delivered', attempts, responseStatus: result.status });
    if (result.kind === 'fail' || attempts >= hook.maxAttempts)
      return this.finish(row, { status: 'failed', attempts, lastError: result.error, responseStatus: result.status });
    const delay = this.backoff(attempts, result.kind === 'retry' ? result.retryAfterMs : undefined);
    this.store.record(id, {
      status: 'pending',
      attempts,
      lastError: result.error,
      responseStatus: result.status,
      nextAttemptAt: this.opts.now() + delay,
      deliveredAt: null,
    });
    log.warn({ webhook: hook.name, delivery: id, attempts, error: result.error, retryInMs: delay }, 'webhook delivery will be retried');
    this.announce(id);
    if (!this.stopped) this.schedule(id, delay);
  }

  /** Delay before retry n+1 (exposed for tests and the docs). */
  backoff(attempts: number, retryAfterMs?: number): number {
    return backoffDelay(attempts, retryAfterMs, this.opts);
  }

  private finish(
    row: DeliveryRow,
    o: { status: 'delivered' | 'failed'; attempts: number; lastError?: string | null; responseStatus?: number | null },
  ): void {
    const now = this.opts.now();
    this.store.record(row.id, {
      status: o.status,
      attempts: o.attempts,
      lastError: o.status === 'delivered' ? null : (o.lastError ?? null),
      responseStatus: o.responseStatus ?? null,
      nextAttemptAt: null,
      deliveredAt: o.status === 'delivered' ? now : null,
    });
    if (o.status === 'failed')
      log.warn({ webhook: row.webhook, delivery: row.id, attempts: o.attempts, error: o.lastError }, 'webhook delivery failed');
    else log.info({ webhook: row.webhook, delivery: row.id, event: row.event, attempts: o.attempts }, 'webhook delivered');
    this.announce(row.id);
    this.noteOnTimeline(row, o.status, o.attempts, now);
    for (const next of this.waiting.get(row.id) ?? []) this.schedule(next, 0);
    this.waiting.delete(row.id);
  }

  /** The incident's story says who was told and when (or that telling them failed). */
  private noteOnTimeline(row: DeliveryRow, status: 'delivered' | 'failed', attempts: number, now: number): void {
    const incidentId = this.incidentOf.get(row.id);
    this.incidentOf.delete(row.id);
    if (!incidentId || !this.incidents) return;
    const { summary, summaryZh } = alertTimelineText(row.event, row.webhook, status, attempts);
    this.guard('timeline', () =>
      this.incidents?.addEntry({
        incidentId,
        at: now,
        type: 'alert_sent',
        actor: 'system',
        summary,
        summaryZh,
        data: { webhook: row.webhook, event: row.event, deliveryId: row.id, findingId: row.finding_id, status, attempts },
      }),
    );
  }

  private announce(id: number): void {
    this.guard('announce', () => {
      const row = this.store.get(id);
      if (row) this.emit('delivery:updated', toDelivery(row));
    });
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      log.error({ err, what }, 'webhook dispatcher error');
    }
  }
}
