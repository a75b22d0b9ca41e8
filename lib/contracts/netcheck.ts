// Network check (seed §3.3): DNS → TCP → AUTH → PING → Redis, run from the dashboard's host to a
// node and, for a replica, to the address its INFO says it dials for its master.
import { z } from 'zod';
import { NodeIdSchema } from './common';
import { BilingualSchema } from './findings';

export const NetStepIdSchema = z.enum(['dns', 'tcp', 'auth', 'ping', 'redis']);
export type NetStepId = z.infer<typeof NetStepIdSchema>;

/** ok; warning = works but outside the seed's normal range; failed; skipped = not needed or not reached. */
export const NetStepStateSchema = z.enum(['ok', 'warning', 'failed', 'skipped']);
export type NetStepState = z.infer<typeof NetStepStateSchema>;

export const NetStepSchema = z.object({
  id: NetStepIdSchema,
  state: NetStepStateSchema,
  /** How long the step took; PING: the average round trip. */
  ms: z.number().nullable(),
  detail: BilingualSchema,
  /** The command an operator runs on the node's host to look further (seed §3.3). */
  command: z.string().optional(),
});
export type NetStep = z.infer<typeof NetStepSchema>;

export const NetTargetResultSchema = z.object({
  /** `host:port` exactly as probed (for the upstream: as the replica's INFO names it). */
  address: NodeIdSchema,
  /** The node id the address belongs to in the topology, when known. */
  nodeId: NodeIdSchema.optional(),
  state: z.enum(['ok', 'warning', 'failed']),
  steps: z.array(NetStepSchema),
  verdict: BilingualSchema,
  /** PING round trips, ms. */
  rttMs: z.object({ min: z.number(), avg: z.number(), max: z.number() }).nullable(),
});
export type NetTargetResult = z.infer<typeof NetTargetResultSchema>;

export const NetCheckResultSchema = z.object({
  nodeId: NodeIdSchema,
  startedAt: z.number(),
  finishedAt: z.number(),
  /** The node at the address the dashboard polls. */
  node: NetTargetResultSchema,
  /** A replica's upstream at the address the replica dials (master_host:master_port). */
  upstream: NetTargetResultSchema.optional(),
  /** What the two results mean together (e.g. the master answers here, the replica's link is down). */
  summary: BilingualSchema,
});
export type NetCheckResult = z.infer<typeof NetCheckResultSchema>;
