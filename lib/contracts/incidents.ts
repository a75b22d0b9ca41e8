import { z } from 'zod';
import { NodeIdSchema } from './common';
import { BilingualSchema, FindingSchema, SeveritySchema } from './findings';

export const IncidentStateSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type IncidentState = z.infer<typeof IncidentStateSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  state: IncidentStateSchema,
  /** Worst severity any of its findings reached. */
  severity: SeveritySchema,
  title: z.string(),
  titleI18n: BilingualSchema.optional(),
  /** The node whose failure explains the incident (a master that died), when known. */
  rootNodeId: NodeIdSchema.optional(),
  openedAt: z.number(),
  acknowledgedAt: z.number().optional(),
  acknowledgedBy: z.string().optional(),
  resolvedAt: z.number().optional(),
  resolvedBy: z.string().optional(),
  findingIds: z.array(z.string()),
  /** Node ids involved. */
  nodeIds: z.array(NodeIdSchema),
  tags: z.array(z.string()),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const TimelineEntryTypeSchema = z.enum([
  'incident_opened',
  'finding_opened',
  'finding_updated',
  'finding_resolved',
  'topology_event',
  'metric_snapshot',
  'log_line',
  'action',
  'note',
  'state_changed',
  'alert_sent',
]);
export type TimelineEntryType = z.infer<typeof TimelineEntryTypeSchema>;

export const TimelineEntrySchema = z.object({
  id: z.number(),
  incidentId: z.string(),
  at: z.number(),
  type: TimelineEntryTypeSchema,
  /** Who did it: a user name, or `system` for what the dashboard saw by itself. */
  actor: z.string(),
  /** Short human line (English); details in `data`. */
  summary: z.string(),
  summaryZh: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const IncidentDetailSchema = IncidentSchema.extend({
  timeline: z.array(TimelineEntrySchema),
  findings: z.array(FindingSchema),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const IncidentListQuerySchema = z.object({
  state: IncidentStateSchema.optional(),
  severity: SeveritySchema.optional(),
  node: NodeIdSchema.optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const FindingListQuerySchema = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Operator name is free text until authentication exists (then it comes from the session). */
export const ActorSchema = z.string().trim().min(1).max(80);

export const IncidentTransitionBodySchema = z.object({ actor: ActorSchema.optional() }).strict();
export const IncidentNoteBodySchema = z
  .object({ text: z.string().trim().min(1).max(5000), actor: ActorSchema.optional() })
  .strict();

export const WebhookDeliverySchema = z.object({
  id: z.number(),
  webhook: z.string(),
  event: z.enum(['finding_opened', 'finding_severity_changed', 'finding_resolved']),
  findingId: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastError: z.string().optional(),
  responseStatus: z.number().optional(),
  createdAt: z.number(),
  deliveredAt: z.number().optional(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** Global health light (seed §5.1): green ok, yellow warning, red critical. */
export const HealthSchema = z.object({
  level: z.enum(['ok', 'warning', 'critical']),
  openFindings: z.object({ info: z.number(), warning: z.number(), critical: z.number() }),
  openIncidents: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;
