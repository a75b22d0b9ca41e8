// Action id → plan builder, with its params validated by the contract's schema.
import { ACTION_PARAMS_SCHEMAS, type ActionId, type ActionParams } from '../../../lib/contracts';
import type { BuildContext, BuiltPlan } from '../types';
import { buildClusterFailover } from './cluster-failover';
import { buildClusterReplicate } from './cluster-replicate';
import { buildConfigApply, buildConfigRevert } from './config';
import { buildPromote } from './promote';
import { buildReattach } from './reattach';
import { buildReconnect } from './reconnect';
import { buildResync } from './resync';
import { buildSentinelReset } from './sentinel-reset';
import { buildSentinelSet } from './sentinel-set';

type Builders = {
  [A in ActionId]: (
    ctx: BuildContext,
    target: string,
    params: ActionParams<A>,
  ) => Promise<BuiltPlan>;
};

const BUILDERS: Builders = {
  'replica.reattach': buildReattach,
  'replica.reconnect': buildReconnect,
  'replica.resync': buildResync,
  'replica.promote': buildPromote,
  'config.apply': (ctx, target, params) => buildConfigApply(ctx, target, params),
  'config.revert': buildConfigRevert,
  'cluster.failover': buildClusterFailover,
  'cluster.replicate': buildClusterReplicate,
  'sentinel.set': buildSentinelSet,
  'sentinel.reset': (ctx, target) => buildSentinelReset(ctx, target),
};

/** Parses params (throws the zod error for the caller to turn into a 400) and builds live. */
export function parseParams(action: ActionId, params: unknown): Record<string, unknown> {
  return ACTION_PARAMS_SCHEMAS[action].parse(params);
}

export function buildPlan(
  ctx: BuildContext,
  action: ActionId,
  target: string,
  params: Record<string, unknown>,
): Promise<BuiltPlan> {
  const build = BUILDERS[action] as (
    c: BuildContext,
    t: string,
    p: Record<string, unknown>,
  ) => Promise<BuiltPlan>;
  return build(ctx, target, params);
}
