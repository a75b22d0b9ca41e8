// Which sandbox a drill runs on, and which of its nodes play the roles a scenario names.
import type { DrillScenario } from '../../lib/drills/scenario-types';
import type { Sandbox, SandboxNode, SandboxOptions, ShapeEntry } from '../sandbox';
import { assertSandbox } from '../sandbox/faults';

/** A master and two replicas: one to break, one to show the blast radius stays small. */
export const DRILL_SHAPE: ShapeEntry[] = [
  { name: 'm' },
  { name: 'r1', upstream: 'm' },
  { name: 'r2', upstream: 'm' },
];

/**
 * `linkVia` that sends only `proxied` replicas through the fault proxy; the others dial their
 * upstream directly. Why not proxy every link: the monitor dedupes one node reached by two
 * addresses (same run_id) and keeps an address a replica reports, so with every replica behind
 * a proxy it names the master by a proxy's port and polls it through that proxy; a partition
 * then reads as "master unreachable". One direct replica keeps the master's own address known.
 */
export function proxyOnly(proxied: readonly string[]): NonNullable<SandboxOptions['linkVia']> {
  return async ({ replica, upstream }) =>
    // Nothing for a proxied replica: the sandbox puts its own fault proxy on that link.
    proxied.includes(replica) ? undefined : { host: upstream.host, port: upstream.port };
}

/** Options for a fresh sandbox shaped for `scenario`. */
export function drillSandboxOptions(
  scenario: DrillScenario,
  redisServerBin?: string,
): SandboxOptions {
  const s = scenario.sandbox;
  return {
    shape: DRILL_SHAPE,
    masterPersistence: s.masterPersistence,
    faultProxy: s.needsProxy,
    ...(s.needsProxy ? { linkVia: proxyOnly(['r1']) } : {}),
    ...(s.writeOpsPerSec > 0 ? { writeLoad: { opsPerSec: s.writeOpsPerSec } } : {}),
    // A backlog that covers a minute of the drills' write load, as the seed's §4.1 advises:
    // the default 1 MB would raise backlog_too_small before any fault.
    commonConfig: { 'repl-backlog-size': '32mb', ...s.config },
    redisServerBin,
    timeoutMs: 20_000,
  };
}

export interface DrillTargets {
  master: SandboxNode;
  replica: SandboxNode;
  /** Every replica of the sandbox (their links must all be up for "recovered"). */
  replicas: SandboxNode[];
}

export class DrillTargetError extends Error {
  readonly code = 'conflict';
}

/**
 * The master is the first node without upstream. The replica under test is a direct replica
 * of it, behind a proxy when the scenario needs one, preferring one without replicas of its
 * own (breaking it then hurts nothing below).
 */
export function resolveTargets(sb: Sandbox, scenario: DrillScenario): DrillTargets {
  assertSandbox(sb);
  const master = sb.nodes.find((n) => n.upstream === undefined);
  if (!master) throw new DrillTargetError('the sandbox has no master');
  const hasChildren = (n: SandboxNode) => sb.nodes.some((c) => c.upstream === n.name);
  const candidates = sb.nodes
    .filter((n) => n.upstream === master.name)
    .filter((n) => !scenario.sandbox.needsProxy || sb.hasProxy(n.name))
    .sort((a, b) => Number(hasChildren(a)) - Number(hasChildren(b)));
  const replica = candidates[0];
  if (!replica)
    throw new DrillTargetError(
      scenario.sandbox.needsProxy
        ? `${scenario.id} needs a replica behind the fault proxy: start the sandbox with faultProxy (and linkVia: proxyOnly([...]))`
        : 'the sandbox master has no replica',
    );
  return { master, replica, replicas: sb.nodes.filter((n) => n.upstream !== undefined) };
}
