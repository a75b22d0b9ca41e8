// replica.reattach: REPLICAOF upstream on the target, with masterauth set from the dashboard's
// own credentials for that upstream when the target's differs. Refuses cycles and, unless asked,
// chains. A target that is a master holding keys makes the plan destructive: the sync replaces them.
// A replica that was healthy under another upstream and never gets a link to the new one is put
// back where it was (rolled_back); one mid-transfer is left alone (rolling back would discard it).
import type { ActionParams, Bilingual, PreflightCheck } from '../../../lib/contracts';
import { descendantsOf } from '../../../lib/actions/topology-checks';
import {
  check,
  cycleCheck,
  liveUpstreams,
  mb,
  reachability,
  sentinelWarning,
  upstreamHealth,
} from '../checks';
import type { BuildContext, BuiltPlan, LiveNode, RunContext, Step } from '../types';
import { acceptedBy, linkAndConverge } from '../waits';
import { sentinelReattachCheck } from './sentinel-failover';
import { commandStep, hostPort } from './steps';

type Upstreams = Map<string, string | undefined>;

/** Both ends live, no cycle, an upstream able to serve, no accidental chain, a change needed. */
function reattachChecks(
  target: string,
  upstream: string,
  node: LiveNode,
  up: LiveNode,
  upstreams: Upstreams,
  params: ActionParams<'replica.reattach'>,
): PreflightCheck[] {
  const preflight = [...reachability(node, 'target'), ...reachability(up, 'upstream')];
  preflight.push(cycleCheck(upstreams, target, upstream));
  if (up.reachable) {
    preflight.push(upstreamHealth(up));
    const chain = up.role === 'replica';
    preflight.push(
      check(
        'no_chain',
        !chain || params.allowChain === true,
        chain
          ? `${upstream} is itself a replica: ${target} would hang in a chain below it${params.allowChain ? ' (allowed)' : '; set allowChain to mean it'}`
          : `${upstream} is a master: no chain`,
        chain
          ? `${upstream} 本身是从节点：${target} 会成为链式复制的一环`
          : `${upstream} 是主节点：不形成链`,
      ),
    );
  }
  if (
    node.reachable &&
    node.role === 'replica' &&
    node.upstream === upstream &&
    node.linkStatus === 'up'
  )
    preflight.push(
      check(
        'change_needed',
        false,
        `${target} already replicates from ${upstream} with the link up (use replica.reconnect to nudge it)`,
        `${target} 已在从 ${upstream} 复制且链路正常`,
      ),
    );
  return preflight;
}

async function reattachWarnings(
  ctx: BuildContext,
  target: string,
  upstream: string,
  node: LiveNode,
  below: string[],
): Promise<Bilingual[]> {
  const warnings: Bilingual[] = [];
  if (node.reachable && node.role === 'master')
    warnings.push({
      en: `${target} is a master now with ${node.keys} keys (${mb(node.usedMemory)}). Unless it shares ${upstream}'s replication history, it full-syncs and those keys — and any write it took since it was detached — are replaced by ${upstream}'s data.`,
      zh: `${target} 当前是主节点，有 ${node.keys} 个 key（${mb(node.usedMemory)}）。除非它与 ${upstream} 共享复制历史，否则会全量同步，这些 key 以及脱离后写入的数据都会被 ${upstream} 的数据替换。`,
    });
  const sentinel = node.reachable ? await sentinelWarning(ctx.live, [target, upstream]) : null;
  if (sentinel) warnings.push(sentinel);
  if (below.length)
    warnings.push({
      en: `${below.join(', ')} replicate through ${target} and will follow it.`,
      zh: `${below.join('、')} 通过 ${target} 复制，会随之变化。`,
    });
  return warnings;
}

interface AuthSteps {
  steps: Step[];
  previousAuth: string | null;
  previousUser: string | null;
}

/** masterauth (and masteruser) from the dashboard's credentials for the upstream, when they differ. */
async function authSteps(
  ctx: BuildContext,
  target: string,
  upstream: string,
  node: LiveNode,
  warnings: Bilingual[],
): Promise<AuthSteps> {
  const out: AuthSteps = { steps: [], previousAuth: null, previousUser: null };
  const creds = ctx.credentialsFor(upstream);
  if (!node.reachable || !creds.password) return out;
  const current = await ctx.live.configGet(target, 'masterauth').catch(() => null);
  out.previousAuth = current;
  if (current === null) {
    warnings.push({
      en: `Could not read masterauth on ${target} (CONFIG GET refused); it is left as it is.`,
      zh: `无法读取 ${target} 的 masterauth，保持不变。`,
    });
    return out;
  }
  if (current === creds.password) return out;
  const password = creds.password;
  out.steps.push(
    commandStep(
      target,
      ['CONFIG', 'SET', 'masterauth', '***'],
      {
        en: `${upstream} requires a password and ${target}'s masterauth differs: set it from the dashboard's credentials for ${upstream} (never shown).`,
        zh: `${upstream} 需要密码而 ${target} 的 masterauth 不同：使用面板为 ${upstream} 保存的凭据设置（不会显示）。`,
      },
      ctx.timeouts.commandMs,
      [{ index: 3, value: () => password }],
    ),
  );
  if (creds.username && creds.username !== 'default') {
    out.previousUser = await ctx.live.configGet(target, 'masteruser').catch(() => null);
    out.steps.push(
      commandStep(
        target,
        ['CONFIG', 'SET', 'masteruser', creds.username],
        {
          en: 'The upstream uses an ACL user for replication.',
          zh: '上游使用 ACL 用户进行复制认证。',
        },
        ctx.timeouts.commandMs,
      ),
    );
  }
  return out;
}

/** Back to the master the replica dialled before, unless the new upstream already took it. */
function reattachRollback(
  ctx: BuildContext,
  target: string,
  upstream: string,
  dialled: { host: string; port: string },
  auth: AuthSteps,
): (run: RunContext) => Promise<string> {
  const authChanged = auth.steps.some((s) => s.command.startsWith('CONFIG SET masterauth'));
  return async (run) => {
    // Accepted after all (a slow start): let the transfer finish rather than throw it away.
    if (await acceptedBy(run, await run.live.probe(target), upstream))
      throw new Error(
        `${upstream} has accepted ${target} and the sync is under way; rolling back would throw the transfer away`,
      );
    if (authChanged && auth.previousAuth !== null)
      await run.live.call(
        target,
        ['CONFIG', 'SET', 'masterauth', auth.previousAuth],
        ctx.timeouts.commandMs,
      );
    if (auth.previousUser !== null)
      await run.live.call(
        target,
        ['CONFIG', 'SET', 'masteruser', auth.previousUser],
        ctx.timeouts.commandMs,
      );
    await run.live.call(target, ['REPLICAOF', dialled.host, dialled.port], ctx.timeouts.commandMs);
    const back = `${dialled.host}:${dialled.port}`;
    return `${target} pointed back at ${back}${authChanged && auth.previousAuth !== null ? ' with its previous masterauth' : ''}${auth.previousUser !== null ? ' and masteruser' : ''}`;
  };
}

export async function buildReattach(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'replica.reattach'>,
): Promise<BuiltPlan> {
  // The plan gate already made this the topology's own id of a topology node.
  const upstream = ctx.canonical(params.upstream);
  const [node, up] = await Promise.all([ctx.live.probe(target), ctx.live.probe(upstream)]);
  const upstreams = liveUpstreams(ctx.topology, [node, up]);
  const preflight = reattachChecks(target, upstream, node, up, upstreams, params);
  // Sentinel decides who is master: a re-attach under anything else would be undone.
  const bySentinel = sentinelReattachCheck(ctx, target, upstream);
  if (bySentinel) preflight.push(bySentinel);
  const below = descendantsOf(upstreams, target);
  const warnings = await reattachWarnings(ctx, target, upstream, node, below);
  const auth = await authSteps(ctx, target, upstream, node, warnings);
  const [host, port] = hostPort(upstream);
  const steps: Step[] = [
    ...auth.steps,
    commandStep(
      target,
      ['REPLICAOF', host, port],
      {
        en: `Point ${target} at ${upstream}; it connects and asks for a partial resync first.`,
        zh: `把 ${target} 指向 ${upstream}；它会先尝试增量同步。`,
      },
      ctx.timeouts.commandMs,
    ),
  ];
  // Where to go back to: the address the replica itself dialled, as its INFO says it — and only
  // when that master is a node of the topology (a rollback never points outside it).
  const wasHealthy =
    node.reachable &&
    node.role === 'replica' &&
    node.linkStatus === 'up' &&
    node.upstream !== upstream &&
    ctx.topology.nodes.some((n) => n.id === node.upstream);
  const dialled = wasHealthy ? await dialledMaster(ctx, target) : null;
  return {
    steps,
    preflight,
    warnings,
    destructive: node.reachable && node.role === 'master' && node.keys > 0,
    involved: [target, upstream, ...below],
    verify: (run) => linkAndConverge(run, target, upstream),
    ...(dialled ? { rollback: reattachRollback(ctx, target, upstream, dialled, auth) } : {}),
  };
}

async function dialledMaster(
  ctx: BuildContext,
  id: string,
): Promise<{ host: string; port: string } | null> {
  try {
    const text = String(await ctx.live.call(id, ['INFO', 'replication'], ctx.timeouts.commandMs));
    const host = /^master_host:(.+)$/m.exec(text)?.[1]?.trim();
    const port = /^master_port:(\d+)$/m.exec(text)?.[1];
    return host && port ? { host, port } : null;
  } catch {
    return null;
  }
}
