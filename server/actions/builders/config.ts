// config.apply / config.revert: CONFIG SET with the old values read live first, so a revert is
// one click and a failed or unverified apply is rolled back at once. Redis ≥ 7 sets several
// parameters atomically in one CONFIG SET; older servers get one step per parameter. Each
// setting's effect on this node (evictions, write outage, broken replication…) is computed from
// its live INFO/CONFIG first: a refused effect fails preflight, a destructive one escalates.
import type { ActionEffect, ActionParams, Bilingual, PreflightCheck } from '../../../lib/contracts';
import { evaluateConfig } from '../../../lib/actions/config-effects';
import {
  APPLICABLE_CONFIG,
  SECRET_CONFIG,
  sameConfigValue,
} from '../../../lib/actions/config-values';
import { check, reachability, versionAtLeast } from '../checks';
import type { BuildContext, BuiltPlan, LiveNode, RunContext, Step } from '../types';
import { configState, effectChecks, readCurrent, readValues } from './config-state';
import { sentinelConfigWarnings } from './sentinel-failover';
import { commandStep } from './steps';

/** Unknown names and secrets are refused before anything is read. */
function namesCheck(names: string[]): PreflightCheck {
  const secret = names.filter((n) => SECRET_CONFIG.has(n));
  const unknown = names.filter((n) => !APPLICABLE_CONFIG.has(n) && !SECRET_CONFIG.has(n));
  return check(
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
  );
}

interface LiveReading {
  preflight: PreflightCheck[];
  warnings: Bilingual[];
  effects: ActionEffect[];
  destructive: boolean;
  old: Record<string, string | null>;
}

/** Reads the current values and computes every setting's effect on this node as it is now. */
async function readAndAssess(
  ctx: BuildContext,
  node: LiveNode,
  target: string,
  params: ActionParams<'config.apply'>,
): Promise<LiveReading> {
  const names = Object.keys(params.settings);
  const out: LiveReading = {
    preflight: [],
    warnings: [],
    effects: [],
    destructive: false,
    old: {},
  };
  let current: Record<string, string | null>;
  try {
    current = await readCurrent(ctx, target, names);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    out.preflight.push(
      check(
        'config_readable',
        false,
        `CONFIG GET refused on ${target}: ${why}`,
        `${target} 拒绝 CONFIG GET`,
      ),
    );
    return out;
  }
  for (const n of names) out.old[n] = current[n] ?? null;
  const missing = names.filter((n) => out.old[n] === null);
  out.preflight.push(
    check(
      'config_readable',
      missing.length === 0,
      missing.length
        ? `${target} does not know ${missing.join(', ')} (Redis ${node.version})`
        : `current values read with CONFIG GET`,
      missing.length ? `${target} 不支持 ${missing.join('、')}` : '已用 CONFIG GET 读取当前值',
    ),
  );
  const changed = names.filter((n) => {
    const was = out.old[n];
    return typeof was === 'string' && !sameConfigValue(n, params.settings[n] ?? '', was);
  });
  if (!changed.length)
    out.preflight.push(
      check('change_needed', false, 'every value is already set', '所有值均已生效'),
    );
  out.effects = evaluateConfig(
    params.settings,
    configState(ctx, node, current),
    params.force === true,
  );
  const assessed = effectChecks(out.effects);
  out.preflight.push(...assessed.preflight);
  out.warnings.push(...assessed.warnings);
  out.destructive = assessed.destructive;
  if (params.rewrite)
    out.preflight.push(
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
  return out;
}

/** CONFIG SET (one atomic step on Redis ≥ 7, one per setting before), then CONFIG REWRITE if asked. */
function applySteps(
  ctx: BuildContext,
  node: LiveNode,
  target: string,
  params: ActionParams<'config.apply'>,
): Step[] {
  const names = Object.keys(params.settings);
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
  return steps;
}

function verifyValues(target: string, settings: Record<string, string>) {
  const names = Object.keys(settings);
  return async (run: RunContext) => {
    const now = await readValues(run, target, names);
    return names.map((n) => {
      const got = now[n];
      const ok = typeof got === 'string' && sameConfigValue(n, settings[n] ?? '', got);
      return check(
        'config_value',
        ok,
        `${n} = ${got ?? '(unknown)'}${ok ? '' : `, expected ${settings[n]}`}`,
      );
    });
  };
}

function rollbackTo(node: LiveNode, target: string, previous: Record<string, string>) {
  return async (run: RunContext) => {
    const back = Object.entries(previous).flatMap(([n, v]) => [n, v]);
    if (!back.length) return 'nothing to restore';
    if (versionAtLeast(node.version, [7, 0]))
      await run.live.call(target, ['CONFIG', 'SET', ...back]);
    else
      for (const [n, v] of Object.entries(previous))
        await run.live.call(target, ['CONFIG', 'SET', n, v]);
    return `restored ${Object.keys(previous).join(', ')}`;
  };
}

export async function buildConfigApply(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'config.apply'>,
  revertOf?: string,
): Promise<BuiltPlan> {
  const node = await ctx.live.probe(target);
  const names = Object.keys(params.settings);
  const named = namesCheck(names);
  const preflight: PreflightCheck[] = [...reachability(node, 'target'), named];
  const reading =
    node.reachable && named.ok ? await readAndAssess(ctx, node, target, params) : null;
  preflight.push(...(reading?.preflight ?? []));
  const warnings: Bilingual[] = [...(reading?.warnings ?? [])];
  if (revertOf) warnings.push({ en: `Reverts run ${revertOf}.`, zh: `回滚运行 ${revertOf}。` });
  warnings.push(...sentinelConfigWarnings(ctx, target, names));
  const previous: Record<string, string> = {};
  for (const [n, v] of Object.entries(reading?.old ?? {}))
    if (typeof v === 'string') previous[n] = v;
  return {
    steps: applySteps(ctx, node, target, params),
    preflight,
    warnings,
    effects: reading?.effects ?? [],
    destructive: reading?.destructive ?? false,
    involved: [target],
    verify: verifyValues(target, params.settings),
    revert: { settings: previous, rewrite: params.rewrite === true },
    rollback: rollbackTo(node, target, previous),
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
    {
      settings: run.revert.settings,
      rewrite: run.revert.rewrite,
      ...(params.force ? { force: true } : {}),
    },
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
