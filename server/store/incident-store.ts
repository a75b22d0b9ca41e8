// Findings, incidents and their timelines in SQLite. Rows hold the contract shapes as JSON
// where the shape is rich (finding bodies, timeline data) and columns where we filter.
import { z } from 'zod';
import {
  BilingualSchema,
  FindingKindSchema,
  FindingSchema,
  IncidentStateSchema,
  SeveritySchema,
  TimelineEntryTypeSchema,
  type Finding,
  type Incident,
  type IncidentState,
  type Severity,
  type TimelineEntry,
} from '../../lib/contracts';
import { parseFindingKey, type FindingKey } from '../../lib/diagnosis/finding-key';
import type { Db } from './database';
import { IdRowSchema, jsonColumn, parseRow, parseRows } from './rows';

const IncidentRowSchema = z.object({
  id: z.string(),
  state: IncidentStateSchema,
  severity: SeveritySchema,
  title: z.string(),
  root_node_id: z.string().nullable(),
  opened_at: z.number(),
  acknowledged_at: z.number().nullable(),
  acknowledged_by: z.string().nullable(),
  resolved_at: z.number().nullable(),
  resolved_by: z.string().nullable(),
  tags: jsonColumn(z.array(z.string())),
  node_ids: jsonColumn(z.array(z.string())),
  title_i18n: jsonColumn(BilingualSchema).nullable(),
});
type IncidentRow = z.infer<typeof IncidentRowSchema>;

const TimelineRowSchema = z.object({
  id: z.number(),
  incident_id: z.string(),
  at: z.number(),
  type: TimelineEntryTypeSchema,
  actor: z.string(),
  summary: z.string(),
  summary_zh: z.string().nullable(),
  data: z.string(),
});
type TimelineRow = z.infer<typeof TimelineRowSchema>;

export interface IncidentFilter {
  state?: IncidentState;
  severity?: Severity;
  node?: string;
  since?: number;
  until?: number;
  limit: number;
}

export type NewTimelineEntry = Omit<TimelineEntry, 'id'>;

export class IncidentStore {
  constructor(private readonly db: Db) {}

  // ── findings ──
  saveFinding(f: Finding, key: FindingKey): void {
    this.db
      .prepare(
        `INSERT INTO findings (id, key, kind, severity, state, node_id, opened_at, last_seen_at, resolved_at, incident_id, body)
         VALUES (@id, @key, @kind, @severity, @state, @nodeId, @openedAt, @lastSeenAt, @resolvedAt, @incidentId, @body)
         ON CONFLICT(id) DO UPDATE SET severity=excluded.severity, state=excluded.state, last_seen_at=excluded.last_seen_at,
           resolved_at=excluded.resolved_at, incident_id=excluded.incident_id, body=excluded.body`,
      )
      .run({
        id: f.id,
        key,
        kind: f.kind,
        severity: f.severity,
        state: f.state,
        nodeId: f.nodeId ?? null,
        openedAt: f.openedAt,
        lastSeenAt: f.lastSeenAt,
        resolvedAt: f.resolvedAt ?? null,
        incidentId: f.incidentId ?? null,
        body: JSON.stringify(f),
      });
  }

  findings(state: 'open' | 'resolved' | 'all', limit: number): Finding[] {
    const rows =
      state === 'all'
        ? this.db.prepare('SELECT body FROM findings ORDER BY opened_at DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT body FROM findings WHERE state = ? ORDER BY opened_at DESC LIMIT ?').all(state, limit);
    return parseBodies(rows);
  }

  /** Open findings with the key the tracker knows them by (to resume after a restart). */
  openFindingsWithKeys(): Array<{ key: FindingKey; finding: Finding }> {
    const rows = parseRows(z.object({ key: z.string(), body: z.string() }), this.db.prepare("SELECT key, body FROM findings WHERE state = 'open'").all());
    return rows.flatMap((r) => {
      const key = parseFindingKey(r.key, FindingKindSchema.options);
      const [finding] = parseBodies([r]);
      return key && finding ? [{ key, finding }] : [];
    });
  }

  findingsOf(incidentId: string): Finding[] {
    const rows = this.db.prepare('SELECT body FROM findings WHERE incident_id = ? ORDER BY opened_at').all(incidentId);
    return parseBodies(rows);
  }

  /** The incident a finding was filed under, as committed. */
  incidentIdOf(findingId: string): string | undefined {
    const row = parseRow(z.object({ incident_id: z.string().nullable() }), this.db.prepare('SELECT incident_id FROM findings WHERE id = ?').get(findingId));
    return row?.incident_id ?? undefined;
  }

  // ── incidents ──
  saveIncident(i: Incident): void {
    this.db
      .prepare(
        `INSERT INTO incidents (id, state, severity, title, root_node_id, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, tags, node_ids, title_i18n)
         VALUES (@id, @state, @severity, @title, @root, @openedAt, @ackAt, @ackBy, @resAt, @resBy, @tags, @nodeIds, @titleI18n)
         ON CONFLICT(id) DO UPDATE SET state=excluded.state, severity=excluded.severity, title=excluded.title,
           root_node_id=excluded.root_node_id, acknowledged_at=excluded.acknowledged_at, acknowledged_by=excluded.acknowledged_by,
           resolved_at=excluded.resolved_at, resolved_by=excluded.resolved_by, tags=excluded.tags, node_ids=excluded.node_ids,
           title_i18n=excluded.title_i18n`,
      )
      .run({
        id: i.id,
        state: i.state,
        severity: i.severity,
        title: i.title,
        root: i.rootNodeId ?? null,
        openedAt: i.openedAt,
        ackAt: i.acknowledgedAt ?? null,
        ackBy: i.acknowledgedBy ?? null,
        resAt: i.resolvedAt ?? null,
        resBy: i.resolvedBy ?? null,
        tags: JSON.stringify(i.tags),
        nodeIds: JSON.stringify(i.nodeIds),
        titleI18n: i.titleI18n ? JSON.stringify(i.titleI18n) : null,
      });
  }

  incident(id: string): Incident | null {
    const row = parseRow(IncidentRowSchema, this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id));
    return row ? this.toIncident(row) : null;
  }

  incidents(f: IncidentFilter): Incident[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: f.limit };
    const add = (clause: string, values: Record<string, unknown>) => {
      where.push(clause);
      Object.assign(args, values);
    };
    if (f.state) add('state = @state', { state: f.state });
    if (f.severity) add('severity = @severity', { severity: f.severity });
    if (f.since !== undefined) add('opened_at >= @since', { since: f.since });
    if (f.until !== undefined) add('opened_at <= @until', { until: f.until });
    if (f.node) add('(root_node_id = @node OR node_ids LIKE @nodeLike)', { node: f.node, nodeLike: `%"${f.node}"%` });
    const sql = `SELECT * FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC LIMIT @limit`;
    return parseRows(IncidentRowSchema, this.db.prepare(sql).all(args)).map((r) => this.toIncident(r));
  }

  /** Adds `tag` to the incidents that lack it; returns those, as saved. */
  addTag(ids: readonly string[], tag: string): Incident[] {
    return this.transaction(() =>
      ids.flatMap((id) => {
        const inc = this.incident(id);
        if (!inc || inc.tags.includes(tag)) return [];
        const next: Incident = { ...inc, tags: [...inc.tags, tag] };
        this.db.prepare('UPDATE incidents SET tags = ? WHERE id = ?').run(JSON.stringify(next.tags), id);
        return [next];
      }),
    );
  }

  openIncidents(): Incident[] {
    const rows = parseRows(IncidentRowSchema, this.db.prepare("SELECT * FROM incidents WHERE state != 'resolved' ORDER BY opened_at").all());
    return rows.map((r) => this.toIncident(r));
  }

  private toIncident(r: IncidentRow): Incident {
    const findingIds = parseRows(IdRowSchema, this.db.prepare('SELECT id FROM findings WHERE incident_id = ? ORDER BY opened_at').all(r.id)).map((x) => x.id);
    const inc: Incident = {
      id: r.id,
      state: r.state,
      severity: r.severity,
      title: r.title,
      openedAt: r.opened_at,
      findingIds,
      nodeIds: r.node_ids,
      tags: r.tags,
    };
    if (r.title_i18n) inc.titleI18n = r.title_i18n;
    if (r.root_node_id) inc.rootNodeId = r.root_node_id;
    if (r.acknowledged_at !== null) inc.acknowledgedAt = r.acknowledged_at;
    if (r.acknowledged_by) inc.acknowledgedBy = r.acknowledged_by;
    if (r.resolved_at !== null) inc.resolvedAt = r.resolved_at;
    if (r.resolved_by) inc.resolvedBy = r.resolved_by;
    return inc;
  }

  // ── timeline ──
  addTimeline(e: NewTimelineEntry): TimelineEntry {
    const info = this.db
      .prepare(
        'INSERT INTO incident_timeline (incident_id, at, type, actor, summary, summary_zh, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.incidentId, e.at, e.type, e.actor, e.summary, e.summaryZh ?? null, JSON.stringify(e.data));
    return { ...e, id: Number(info.lastInsertRowid) };
  }

  /** A topology event already on an incident's timeline (events reach it by two paths). */
  hasTopologyEvent(incidentId: string, eventId: string): boolean {
    return !!this.db
      .prepare("SELECT 1 FROM incident_timeline WHERE incident_id = ? AND type = 'topology_event' AND json_extract(data, '$.event.id') = ?")
      .get(incidentId, eventId);
  }

  /** When the first topology event on an incident's timeline happened (where its story starts). */
  firstTopologyEventAt(incidentId: string): number | undefined {
    const row = parseRow(z.object({ at: z.number().nullable() }), this.db.prepare("SELECT MIN(at) AS at FROM incident_timeline WHERE incident_id = ? AND type = 'topology_event'").get(incidentId));
    return row?.at ?? undefined;
  }

  /** The log line entry of an incident with this node, time and message, if copied already. */
  logEntry(incidentId: string, nodeId: string, at: number, message: string): TimelineEntry | undefined {
    const row = parseRow(
      TimelineRowSchema,
      this.db
        .prepare("SELECT * FROM incident_timeline WHERE incident_id = ? AND type = 'log_line' AND at = ? AND summary = ? AND json_extract(data, '$.nodeId') = ?")
        .get(incidentId, at, message, nodeId),
    );
    return row ? toEntry(row) : undefined;
  }

  updateTimelineData(id: number, data: Record<string, unknown>): void {
    this.db.prepare('UPDATE incident_timeline SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
  }

  timeline(incidentId: string): TimelineEntry[] {
    const rows = parseRows(TimelineRowSchema, this.db.prepare('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY at, id').all(incidentId));
    return rows.map(toEntry);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

function toEntry(r: TimelineRow): TimelineEntry {
  const parsed: unknown = JSON.parse(r.data);
  const e: TimelineEntry = {
    id: r.id,
    incidentId: r.incident_id,
    at: r.at,
    type: r.type,
    actor: r.actor,
    summary: r.summary,
    data: isRecord(parsed) ? parsed : {},
  };
  if (r.summary_zh) e.summaryZh = r.summary_zh;
  return e;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finding bodies as stored; a row this version cannot read is skipped, not trusted. */
function parseBodies(rows: unknown[]): Finding[] {
  return rows.flatMap((r) => {
    const body = isRecord(r) && typeof r.body === 'string' ? r.body : null;
    if (body === null) return [];
    const parsed = FindingSchema.safeParse(JSON.parse(body));
    return parsed.success ? [parsed.data] : [];
  });
}
