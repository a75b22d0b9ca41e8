// What a plan request must pass before any node is contacted: a per-user rate, the role that may
// run the action, valid params, and the perimeter — the target and every node named in the
// params must be nodes of the current topology. Node ids are replaced by the topology's own, so
// nothing downstream ever dials an address as the caller spelled it.
import { ZodError } from 'zod';
import type { ActionPlanRequest, Topology } from '../../lib/contracts';
import { ACTION_META } from '../../lib/actions/catalog';
import { resolveTopologyNode } from '../../lib/actions/node-address';
import { hasRole, type Identity } from '../auth/identity';
import { TokenBucketLimiter } from '../logs/token-bucket';
import { ActionError } from './action-error';
import { parseParams } from './builders';

export interface TopologySource {
  snapshot(): { topology: Topology };
  canonical(id: string): string;
}

export interface PlanRate {
  perSecond: number;
  burst: number;
}

export const DEFAULT_PLAN_RATE: PlanRate = { perSecond: 1, burst: 30 };

export interface VettedRequest {
  target: string;
  params: Record<string, unknown>;
}

export class PlanGate {
  private readonly limiter: TokenBucketLimiter;

  constructor(
    private readonly source: TopologySource,
    rate: PlanRate = DEFAULT_PLAN_RATE,
  ) {
    this.limiter = new TokenBucketLimiter(rate.perSecond, rate.burst);
  }

  /** The topology's id for `raw`, or null: the one test of the perimeter. */
  resolve(raw: string): string | null {
    return resolveTopologyNode(this.source.snapshot().topology, this.source.canonical, raw);
  }

  isTopologyNode(id: string): boolean {
    return this.source.snapshot().topology.nodes.some((n) => n.id === id);
  }

  /** Per user, so one script cannot flood the audit or the nodes with plan probes. */
  admit(who: Identity): void {
    const verdict = this.limiter.take(who.username, 1);
    if (!verdict.ok)
      throw new ActionError(
        'rate_limited',
        `too many plans from ${who.username}; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s`,
      );
  }

  /** Role, params and perimeter; throws an ActionError the caller records and answers. */
  vet(req: ActionPlanRequest, who: Identity): VettedRequest {
    const role = ACTION_META[req.action].destructive ? 'admin' : 'operator';
    if (!hasRole(who, role))
      throw new ActionError(
        'forbidden',
        `planning ${req.action} needs the ${role} role (the role that may run it); you are ${who.role}`,
      );
    const params = parsed(req);
    const target = this.resolve(req.target);
    if (!target)
      throw new ActionError(
        'not_found',
        `${req.target} is not a node of the current topology: actions reach topology nodes only (add a node through the config, not through a repair)`,
      );
    if (req.action === 'replica.reattach' && typeof params.upstream === 'string') {
      const upstream = this.resolve(params.upstream);
      if (!upstream)
        throw new ActionError(
          'not_found',
          `upstream ${params.upstream} is not a node of the current topology: a replica is only re-attached inside it (adopting a node is a config change, not a side effect of a repair)`,
        );
      params.upstream = upstream;
    }
    return { target, params };
  }
}

function parsed(req: ActionPlanRequest): Record<string, unknown> {
  try {
    return parseParams(req.action, req.params);
  } catch (err) {
    const issue = err instanceof ZodError ? err.issues[0] : undefined;
    const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
    throw new ActionError('bad_request', `params${where}: ${issue?.message ?? 'invalid'}`);
  }
}
