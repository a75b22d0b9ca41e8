// Sends finding changes to the configured webhooks: only on open, severity change and resolve, so
// a receiver hears each state once. Every delivery is a row before it is a request: retries,
// restarts and the delivery log all read the same row. Nothing here throws into IncidentService.
import type { Finding, Severity, WebhookDelivery } from '../../lib/contracts';
import type { IncidentService } from '../incidents/incident-service';
import { logger } from '../logger';
import type { Db } from '../store/database';
import { AlertLedger, type FindingChangeKind } from './alert-ledger';
import { DeliveryStore, type DeliveryRow } from './delivery-store';
import { alertTimelineEntry } from './alert-timeline';
import { buildPayload, type WebhookEvent } from './webhook-payload';
import { summarizeWebhook, type WebhookConfig, type WebhookSummary } from './webhook-config';
import { backoffDelay, describeFetchError, sendOnce, type SendResult } from './webhook-send';

export { signBody, verifySignature } from './webhook-signature';

export type { WebhookConfig, WebhookSummary } from './webhook-config';

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

const log = logger('alerts');

export class WebhookDispatcher {
  private readonly store: DeliveryStore;
  private readonly hooks = new Map<string, WebhookConfig>();
  private readonly opts: Required<DispatcherOptions>;
  private readonly ledger = new AlertLedger();
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
    this.store = new DeliveryStore(db);
    for (const w of webhooks) {
      if (this.hooks.has(w.name))
        log.warn({ webhook: w.name }, 'duplicate webhook name; only the first is used');
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
    this.guard('prime', () => {
      const open = incidents.findings('open', 10_000);
      this.ledger.prime(open, this.store.lastEvents(open.map((f) => f.id)));
    });
    incidents.on('finding-opened', (f) => this.guard('opened', () => this.onChange('opened', f)));
    incidents.on('finding-updated', (f) =>
      this.guard('updated', () => this.onChange('updated', f)),
    );
    incidents.on('finding-resolved', (f) =>
      this.guard('resolved', () => this.onChange('resolved', f)),
    );
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
      for (const row of this.store.pending())
        this.schedule(row.id, Math.max(0, (row.next_attempt_at ?? now) - now));
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

  deliveries(
    limit = 100,
    filter: { status?: WebhookDelivery['status']; webhook?: string } = {},
  ): WebhookDelivery[] {
    return this.store.list(limit, filter);
  }

  webhooks(): WebhookSummary[] {
    return [...this.hooks.values()].map(summarizeWebhook);
  }

  /** The configured webhook (with its URL and secret: for sending, never for a response). */
  webhookConfig(name: string): WebhookConfig | undefined {
    return this.hooks.get(name);
  }

  /** The newest delivery to one webhook, if any. */
  lastDelivery(name: string): WebhookDelivery | undefined {
    return this.store.list(1, { webhook: name })[0];
  }

  private onChange(kind: FindingChangeKind, f: Finding): void {
    for (const d of this.ledger.decide(kind, f, [...this.hooks.values()])) {
      const hook = this.hooks.get(d.webhook);
      if (hook) this.enqueue(hook, d.event, f, d.previousSeverity);
    }
  }

  private enqueue(
    hook: WebhookConfig,
    event: WebhookEvent,
    finding: Finding,
    previousSeverity?: Severity,
  ): void {
    const now = this.opts.now();
    const payload = buildPayload(hook.format, { event, finding, previousSeverity, sentAt: now });
    const id = this.store.insert({
      webhook: hook.name,
      event,
      findingId: finding.id,
      payload,
      now,
    });
    if (finding.incidentId) this.incidentOf.set(id, finding.incidentId);
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
      .catch((err: unknown) =>
        log.error({ err, delivery: id }, 'webhook attempt failed unexpectedly'),
      )
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, p);
  }

  private async attempt(id: number): Promise<void> {
    const row = this.store.get(id);
    if (!row || row.status !== 'pending') return;
    const hook = this.hooks.get(row.webhook);
    if (!hook)
      return this.finish(row, {
        status: 'failed',
        attempts: row.attempts,
        lastError: 'webhook no longer configured',
      });
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
      return this.finish(row, {
        status: 'failed',
        attempts,
        lastError: result.error,
        responseStatus: result.status,
      });
    const delay = this.backoff(attempts, result.kind === 'retry' ? result.retryAfterMs : undefined);
    this.store.record(id, {
      status: 'pending',
      attempts,
      lastError: result.error,
      responseStatus: result.status,
      nextAttemptAt: this.opts.now() + delay,
      deliveredAt: null,
    });
    log.warn(
      { webhook: hook.name, delivery: id, attempts, error: result.error, retryInMs: delay },
      'webhook delivery will be retried',
    );
    if (!this.stopped) this.schedule(id, delay);
  }

  /** Delay before retry n+1 (exposed for tests and the docs). */
  backoff(attempts: number, retryAfterMs?: number): number {
    return backoffDelay(attempts, retryAfterMs, this.opts);
  }

  private finish(
    row: DeliveryRow,
    o: {
      status: 'delivered' | 'failed';
      attempts: number;
      lastError?: string | null;
      responseStatus?: number | null;
    },
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
      log.warn(
        { webhook: row.webhook, delivery: row.id, attempts: o.attempts, error: o.lastError },
        'webhook delivery failed',
      );
    else
      log.info(
        { webhook: row.webhook, delivery: row.id, event: row.event, attempts: o.attempts },
        'webhook delivered',
      );
    this.noteOnTimeline(row, o.status, o.attempts, now);
    for (const next of this.waiting.get(row.id) ?? []) this.schedule(next, 0);
    this.waiting.delete(row.id);
  }

  /** The incident's story says who was told and when (or that telling them failed). */
  private noteOnTimeline(
    row: DeliveryRow,
    status: 'delivered' | 'failed',
    attempts: number,
    now: number,
  ): void {
    const incidentId = this.incidentOf.get(row.id);
    this.incidentOf.delete(row.id);
    if (!incidentId || !this.incidents) return;
    this.guard('timeline', () =>
      this.incidents?.addEntry(alertTimelineEntry(row, status, attempts, incidentId, now)),
    );
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      log.error({ err, what }, 'webhook dispatcher error');
    }
  }
}
