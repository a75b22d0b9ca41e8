// Schemas of the socket events the UI checks before it uses them (zod at every edge): a
// payload of another shape (a server of another version mid-upgrade) is dropped, not rendered
// half. The topology events are left out on purpose: they are the hot path at 1,000 nodes
// (a delta per poll cycle), come from the same build as the page, and are applied field by field.
import { z } from 'zod';
import { ActionProgressSchema, ActionRunSchema } from './actions';
import { CheckKindSchema, CheckProgressSchema, CheckRunSchema, CheckStateSchema, HeartbeatSampleSchema } from './checks';
import { DrillRunSchema, DrillRunStateSchema, DrillStepSchema } from './drills';
import { FindingSchema } from './findings';
import { HealthSchema, IncidentSchema } from './incidents';
import { LogEntrySchema } from './logs';
import { NodeSampleSchema } from './node';
import type { ServerToClientEvents } from './socket';
import { TopologyEventSchema } from './topology';

export const CheckProgressEventSchema = z.object({
  id: z.string(),
  kind: CheckKindSchema,
  state: CheckStateSchema,
  progress: CheckProgressSchema,
});

export const DrillProgressSchema = z.object({ id: z.string(), state: DrillRunStateSchema, step: DrillStepSchema });

export const LogLinesEventSchema = z.object({ nodeId: z.string(), entries: z.array(LogEntrySchema) });

type Payload<K extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[K]>[0];

export const SOCKET_PAYLOAD_SCHEMAS = {
  'topology:event': TopologyEventSchema,
  'node:sample': NodeSampleSchema,
  'findings:snapshot': z.object({ findings: z.array(FindingSchema), health: HealthSchema }),
  'finding:opened': FindingSchema,
  'finding:updated': FindingSchema,
  'finding:resolved': FindingSchema,
  'incident:updated': IncidentSchema,
  'health:update': HealthSchema,
  'log:lines': LogLinesEventSchema,
  'action:progress': ActionProgressSchema,
  'action:finished': ActionRunSchema,
  'check:progress': CheckProgressEventSchema,
  'check:done': CheckRunSchema,
  'heartbeat:update': z.array(HeartbeatSampleSchema),
  'drill:progress': DrillProgressSchema,
  'drill:finished': DrillRunSchema,
} satisfies { [K in keyof ServerToClientEvents]?: z.ZodType<Payload<K>> };

/** The events whose payload the UI parses: every one but the topology stream. */
export type ParsedSocketEvent = keyof typeof SOCKET_PAYLOAD_SCHEMAS;
