// config.apply / config.revert: CONFIG SET with the old values read live first, so a revert is
// one click and a failed or unverified apply is rolled back at once. Redis ≥ 7 sets several
// parameters atomically in one CONFIG SET; older servers get one step per parameter.
import type { ActionParams, Bilingual, PreflightCheck } from '../../../lib/contracts';
import {
  APPLICABLE_CONFIG,
  SECRET_CONFIG,
  sameConfigValue,
} from '../../../lib/actions/config-values';
import { check, reachability, versionAtLeast } from '../checks';
import type { BuildContext, BuiltPlan, RunContext, Step } from '../types';
import { commandStep } from './steps';
import { sentinelConfigWarnings } from './sentinel-failover';

async function readValues(
  ctx: { live: BuildContext['live'] },
  target: string,
  names: string[],
): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const n of names) out[n] = await ctx.live.configGet(target, n);
  return out;
}

export async function buildConfigApply(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'config.apply'>,
  revertOf?: string,
): Promise<BuiltPlan> {
  const node = await ctx.live.probe(target);
  const preflight: PreflightCheck[] = [...reachability(node, 'target')];
  const warnings: Bilingual[] = [];
  const names = Object.keys(params.settings);
  const secret = names.filter((n) => SECRET_CONFIG.has(n));
  const unknown = names.filter((n) => !APPLICABLE_CONFIG.has(n) && !SECRET_CONFIG.has(n));
  preflight.push(
    check(
      'config_names',
      secret.length === 0 && unknown.length === 0,
      secret.length
        ? `${secret.join(', ')}: secrets are never typed into the dashboard; replica.reattach sets masterauth from the server's credentials`
        : unknown.length
          ? `${unknown.join(', ')}: not a replication setting this action manages`
          : `${names.join(', ')}: replication settings`,
      secret.length
        ? `${secret.join('、')}：密码类配置不能在面板中输入`
        : unknown.length
          ? `${unknown.join('、')}：不是本操作管理的复制配置`
          : '复制相关配置',
    ),
  );
  let old: Record<string, string | null> = {};
  if (node.reachable && !secret.length && !unknown.length) {
    try {
      old = await readValues(ctx, target, names);
      const missing = names.filter((n) => old[n] === null);
      preflight.push(
        check(
          'config_readable',
          missing.length === 0,
          missing.length
            ? `${target} does not know ${missing.join(', ')} (Redis ${node.version})`
            : `current values read with CONFIG GET`,
          missing.length ? `${target} 不支持 ${missing.join('、')}` : '已用 CONFIG GET 读取当前值',
        ),
      );
    } catch (err) {
      preflight.push(
        check(
          'config_readable',
          false,
          `CONFIG GET refused on ${target}: ${(err as Error).message}`,
          `${target} 拒绝 CONFIG GET`,
        ),
      );
    }
    const changed = names.filter(
      (n) =>
        old[n] !== null &&
        old[n] !== undefined &&
        !sameConfigValue(n, params.settings[n] ?? '', old[n] as string),
    );
    if (Object.keys(old).length && !changed.length)
      preflight.push(check('change_needed', false, 'every value is already set', '所有值均已生效'));
    if (params.rewrite)
      preflight.push(
        check(
          'config_file',
          !!node.configFile,
          node.configFile
            ? `CONFIG REWRITE writes ${node.configFile}`
            : `${target} runs without a config file: CONFIG REWRITE would fail`,
          node.configFile
            ? `CONFIG REWRITE 将写入 ${node.configFile}`
            : `${target} 没有配置文件，CONFIG REWRITE 会失败`,
        ),
      );
    const minReplicas = params.settings['min-replicas-to-write'];
    if (minReplicas !== undefined && Number(minReplicas) > 0) {
      const good = node.replicas.filter((r) => r.state === 'online').length;
      preflight.push(
        check(
          'writes_still_accepted',
          good >= Number(minReplicas),
          `${target} has ${good} online replicas; min-replicas-to-write ${minReplicas} ${good >= Number(minReplicas) ? 'keeps writes possible' : 'would refuse every write now (-NOREPLICAS)'}`,
          `${target} 有 ${good} 个在线从节点`,
        ),
      );
    }
    if (params.settings['replica-read-only'] === 'no')
      warnings.push({
        en: 'A writable replica takes writes its master never sees and the next full sync discards them.',
        zh: '可写从节点接受的写入主节点看不到，下次全量同步时会被丢弃。',
      });
  }
  if (revertOf) warnings.push({ en: `Reverts run ${revertOf}.`, zh: `回滚运行 ${revertOf}。` });
  warnings.push(...sentinelConfigWarnings(ctx, target, names));

  const pairs = names.flatMap((n) => [n, params.settings[n] ?? '']);
  const why: Bilingual = {
    en: 'Takes effect at once; the old values are kept for a one-click revert.',
    zh: '立即生效；旧值已保存，可一键回滚。',
  };
  const steps: Step[] = versionAtLeast(node.version, [7, 0])
    ? [
        commandStep(
          target,
          ['CONFIG', 'SET', ...pairs],
          {
            en: `${why.en} Redis ≥ 7 applies all of them or none.`,
            zh: `${why.zh} Redis ≥ 7 会全部生效或全部不生效。`,
          },
          ctx.timeouts.commandMs,
        ),
      ]
    : names.map((n) =>
        commandStep(
          target,
          ['CONFIG', 'SET', n, params.settings[n] ?? ''],
          why,
          ctx.timeouts.commandMs,
        ),
      );
  if (params.rewrite)
    steps.push(
      commandStep(
        target,
        ['CONFIG', 'REWRITE'],
        {
          en: 'Persist to redis.conf so a restart keeps the change.',
          zh: '写回 redis.conf，重启后仍然生效。',
        },
        ctx.timeouts.commandMs,
      ),
    );

  const previous: Record<string, string> = {};
  for (const n of names) if (typeof old[n] === 'string') previous[n] = old[n] as string;
  const verify = async (run: RunContext) => {
    const now = await readValues(run, target, names);
    return names.map((n) => {
      const ok = now[n] !== null && sameConfigValue(n, params.settings[n] ?? '', now[n] as string);
      return check(
        'config_value',
        ok,
        `${n} = ${now[n] ?? '(unknown)'}${ok ? '' : `, expected ${params.settings[n]}`}`,
      );
    });
  };
  return {
    steps,
    preflight,
    warnings,
    destructive: false,
    involved: [target],
    verify,
    revert: { settings: previous, rewrite: params.rewrite === true },
    async rollback(run) {
      const back = Object.entries(previous).flatMap(([n, v]) => [n, v]);
      if (!back.length) return 'nothing to restore';
      if (versionAtLeast(node.version, [7, 0]))
        await run.live.call(target, ['CONFIG', 'SET', ...back]);
      else
        for (const [n, v] of Object.entries(previous))
          await run.live.call(target, ['CONFIG', 'SET', n, v]);
      return `restored ${Object.keys(previous).join(', ')}`;
    },
  };
}

export async function buildConfigRevert(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'config.revert'>,
): Promise<BuiltPlan> {
  const run = ctx.findRun(params.runId);
  const problem = !run
    ? `run ${params.runId} does not exist`
    : run.action !== 'config.apply'
      ? `run ${params.runId} is a ${run.action}, not a config.apply`
      : run.state !== 'succeeded'
        ? `run ${params.runId} ended ${run.state}: only a succeeded apply is reverted`
        : run.target !== target
          ? `run ${params.runId} changed ${run.target}, not ${target}`
          : !run.revert || !Object.keys(run.revert.settings).length
            ? `run ${params.runId} recorded no old values`
            : null;
  if (problem || !run?.revert)
    return {
      steps: [],
      preflight: [check('revertable', false, problem ?? 'nothing to revert', '无法回滚')],
      warnings: [],
      destructive: false,
      involved: [target],
      verify: async () => [],
    };
  const plan = await buildConfigApply(
    ctx,
    target,
    { settings: run.revert.settings, rewrite: run.revert.rewrite },
    run.id,
  );
  plan.preflight.unshift(
    check(
      'revertable',
      true,
      `run ${run.id} recorded the old values of ${Object.keys(run.revert.settings).join(', ')}`,
      `运行 ${run.id} 记录了旧值`,
    ),
  );
  return plan;
}
