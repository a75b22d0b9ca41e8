// Rows of `webhook_deliveries` (migration 1). The body is stored before the first attempt, so a
// delivery that was promised survives a crash and is resumed with the very bytes it would have sent.
import { z } from 'zod';
import { WebhookDeliverySchema, type WebhookDelivery } from '../../lib/contracts';
import type { Db } from '../store/database';
import { parseRow, parseRows } from '../store/rows';
import type { WebhookEvent } from './webhook-payload';

const DeliveryRowSchema = z.object({
  id: z.number(),
  webhook: z.string(),
  event: WebhookDeliverySchema.shape.event,
  finding_id: z.string(),
  status: WebhookDeliverySchema.shape.status,
  attempts: z.number(),
  last_error: z.string().nullable(),
  response_status: z.number().nullable(),
  payload: z.string(),
  created_at: z.number(),
  next_attempt_at: z.number().nullable(),
  delivered_at: z.number().nullable(),
});
export type DeliveryRow = z.infer<typeof DeliveryRowSchema>;
const LastEventRowSchema = DeliveryRowSchema.pick({ webhook: true, finding_id: true, event: true });
const NumericIdRowSchema = z.object({ id: z.number() });

export interface AttemptOutcome {
  status: WebhookDelivery['status'];
  attempts: number;
  lastError: string | null;
  responseStatus: number | null;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
}

export class DeliveryStore {
  constructor(private readonly db: Db) {}

  insert(d: {
    webhook: string;
    event: WebhookEvent;
    findingId: string;
    payload: string;
    now: number;
  }): number {
    const r = this.db
      .prepare(
        `INSERT INTO webhook_deliveries (webhook, event, finding_id, status, attempts, payload, created_at, next_attempt_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(d.webhook, d.event, d.findingId, d.payload, d.now, d.now);
    return Number(r.lastInsertRowid);
  }

  get(id: number): DeliveryRow | null {
    return parseRow(DeliveryRowSchema, this.db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?').get(id)) ?? null;
  }

  record(id: number, o: AttemptOutcome): void {
    this.db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, last_error = ?, response_status = ?, next_attempt_at = ?,
           delivered_at = ? WHERE id = ?`,
      )
      .run(o.status, o.attempts, o.lastError, o.responseStatus, o.nextAttemptAt, o.deliveredAt, id);
  }

  pending(): DeliveryRow[] {
    return parseRows(DeliveryRowSchema, this.db.prepare("SELECT * FROM webhook_deliveries WHERE status = 'pending' ORDER BY id").all());
  }

  /** An older delivery about the same finding to the same webhook that has not finished yet. */
  earlierPending(row: DeliveryRow): number | null {
    const r = parseRow(
      NumericIdRowSchema,
      this.db
        .prepare(
          "SELECT id FROM webhook_deliveries WHERE webhook = ? AND finding_id = ? AND status = 'pending' AND id < ? ORDER BY id LIMIT 1",
        )
        .get(row.webhook, row.finding_id, row.id),
    );
    return r?.id ?? null;
  }

  /** The last event each (webhook, finding) pair was sent, to know after a restart what a receiver has heard. */
  lastEvents(
    findingIds: string[],
  ): Array<{ webhook: string; finding_id: string; event: WebhookEvent }> {
    if (!findingIds.length) return [];
    const ids = JSON.stringify(findingIds);
    const rows = this.db
      .prepare(
        `SELECT webhook, finding_id, event FROM webhook_deliveries WHERE id IN (
           SELECT MAX(id) FROM webhook_deliveries WHERE finding_id IN (SELECT value FROM json_each(?)) GROUP BY webhook, finding_id)`,
      )
      .all(ids);
    return parseRows(LastEventRowSchema, rows);
  }

  list(
    limit: number,
    filter: { status?: WebhookDelivery['status']; webhook?: string } = {},
  ): WebhookDelivery[] {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [column, value] of [
      ['status', filter.status],
      ['webhook', filter.webhook],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      args.push(value);
    }
    const sql = `SELECT * FROM webhook_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return parseRows(DeliveryRowSchema, this.db.prepare(sql).all(...args, limit)).map(toDelivery);
  }

  /** Finished rows older than the cutoff go; pending ones stay whatever their age. */
  prune(before: number): number {
    return this.db
      .prepare("DELETE FROM webhook_deliveries WHERE status != 'pending' AND created_at < ?")
      .run(before).changes;
  }
}

export function toDelivery(r: DeliveryRow): WebhookDelivery {
  const d: WebhookDelivery = {
    id: r.id,
    webhook: r.webhook,
    event: r.event,
    findingId: r.finding_id,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
  };
  if (r.last_error) d.lastError = r.last_error;
  if (r.response_status !== null) d.responseStatus = r.response_status;
  if (r.delivered_at !== null) d.deliveredAt = r.delivered_at;
  return d;
}
