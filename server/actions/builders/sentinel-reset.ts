// sentinel.reset: SENTINEL RESET <name> on each reachable Sentinel of the group, one after the
// other. The Redis docs: RESET clears the master's state (a failover in progress included) and
// forgets every replica and Sentinel found so far; the replicas come back from the master's INFO
// (about 10 s), the Sentinels from the hello channel (every 2 s). That is how a replica or a
// Sentinel that is gone for good leaves the group. Between two Sentinels we wait until the reset
// one hears the others again, so the group never has two Sentinels blind at once (the docs ask
// for one at a time). Verified by SENTINEL MASTER and CKQUORUM on each.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bilingual, PreflightCheck, SentinelGroup } from '../../../lib/contracts';
import { check } from '../checks';
import type { BuildContext, BuiltPlan, RunContext, SentinelGate, Step } from '../types';
import { describe } from '../waits';
import { globEscape, idleCheck, managedGroup, notManaged, readMasters } from './sentinel-live';

/** Hello messages every 2 s, replica discovery through INFO every 10 s: generous bounds. */
const REHEAR_MS = 30_000;
const RELIST_MS = 25_000;

async function until(run: RunContext, timeoutMs: number, done: () => Promise<string | null>, what: string): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (run.signal?.aborted) throw new Error('the server is stopping; the run was interrupted');
    const result = await done();
    if (result !== null) return result;
    if (Date.now() >= deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await sleep(run.timeouts.pollMs);
  }
}

function resetSteps(gate: SentinelGate, group: SentinelGroup, reachable: string[], commandMs: number): Step[] {
  const others = reachable.length - 1;
  return reachable.flatMap((id): Step[] => [
    {
      nodeId: id,
      command: `SENTINEL RESET ${globEscape(group.name)}`,
      why: { en: `${id} forgets the replicas and Sentinels of ${group.name} and finds them again.`, zh: `${id} 忘记 ${group.name} 的从节点和 Sentinel，然后重新发现。` },
      timeoutMs: commandMs,
      async run() {
        const reply = await gate.commandOn(id, 'SENTINEL', 'RESET', globEscape(group.name));
        if (Number(reply) < 1) throw new Error(`${id} reset no master: it does not monitor ${group.name}`);
        return `${String(reply)} master reset`;
      },
    },
    {
      nodeId: id,
      command: `(wait) ${id} hears the other ${others} Sentinel(s) of ${group.name} again`,
      why: { en: 'The next Sentinel is reset only once this one knows the group again.', zh: '该 Sentinel 重新认识组内其他成员后，才重置下一个。' },
      timeoutMs: REHEAR_MS,
      isWait: true,
      run: (run) =>
        until(run, REHEAR_MS, async () => {
          const [r] = await readMasters(gate, group.name, [id]);
          return r?.master && r.master.numOtherSentinels >= others ? `${id} knows ${r.master.numOtherSentinels} other Sentinel(s)` : null;
        }, `${id} hearing the other Sentinels`),
    },
  ]);
}

export async function buildSentinelReset(ctx: BuildContext, target: string): Promise<BuiltPlan> {
  const managed = managedGroup(ctx, target);
  if (!managed) return { steps: [], preflight: [notManaged(target)], warnings: [], destructive: true, involved: [target], verify: () => Promise.resolve([]) };
  const { gate, group } = managed;
  const readings = await readMasters(gate, group.name, group.sentinelIds);
  const reachable = readings.filter((r) => r.master).map((r) => r.sentinelId);
  const gone = readings.filter((r) => !r.master).map((r) => r.sentinelId);
  const master = group.masterId ? await ctx.live.probe(group.masterId) : null;
  const listed = new Set(master?.replicas.map((r) => r.id) ?? []);
  const forgotten = (group.replicas ?? []).map((r) => r.id).filter((id) => !listed.has(id));
  const masterOk = master?.reachable === true && master.role === 'master';
  const preflight: PreflightCheck[] = [
    check('sentinels_reachable', reachable.length > 0, `${reachable.length} of ${readings.length} Sentinels answer`, `${readings.length} 个 Sentinel 中 ${reachable.length} 个响应`),
    idleCheck(group, readings),
    check(
      'master_up',
      masterOk,
      masterOk ? `${group.masterId ?? '?'} answers as master: the Sentinels re-learn its replicas from its INFO` : `Sentinel's master ${group.masterId ?? '?'} is ${master ? describe(master) : 'unknown'}: after a reset the Sentinels would know no replica to fail over to`,
      masterOk ? `${group.masterId ?? '?'} 以主节点身份响应` : `Sentinel 的主节点 ${group.masterId ?? '?'} 不可用：重置后 Sentinel 将不知道任何可提升的从节点`,
    ),
  ];
  const warnings: Bilingual[] = [
    {
      en: `Each Sentinel forgets the replicas and Sentinels of ${group.name} and finds them again (replicas from ${group.masterId ?? 'the master'}'s INFO within about 10 s, Sentinels from the hello channel within a few seconds). Meanwhile CKQUORUM may fail and no failover can be authorised.`,
      zh: `每个 Sentinel 会忘记 ${group.name} 的从节点和 Sentinel 并重新发现（从节点约 10 秒内从主节点 INFO 中得知，Sentinel 数秒内从 hello 频道得知）。在此期间 CKQUORUM 可能失败，无法授权故障转移。`,
    },
  ];
  if (forgotten.length) warnings.push({ en: `No longer listed after the reset (not replicating from ${group.masterId ?? '?'} now): ${forgotten.join(', ')}.`, zh: `重置后不再列出（当前未从 ${group.masterId ?? '?'} 复制）：${forgotten.join('、')}。` });
  if (gone.length) warnings.push({ en: `Not answering, so not reset and dropped from the others' lists unless they come back: ${gone.join(', ')}.`, zh: `无响应，因此不重置；除非恢复，否则会从其他 Sentinel 的列表中移除：${gone.join('、')}。` });
  return {
    steps: resetSteps(gate, group, reachable, ctx.timeouts.commandMs),
    preflight,
    warnings,
    destructive: true,
    involved: group.masterId ? [group.masterId] : [],
    async verify(run) {
      const expected = listed.size;
      const others = reachable.length - 1;
      const settled = (m: { numSlaves: number; numOtherSentinels: number } | null) => !!m && m.numSlaves >= expected && m.numOtherSentinels >= others;
      // Replicas come back with Sentinel's next INFO of the master (every 10 s): wait for it.
      await until(run, RELIST_MS, async () => ((await readMasters(gate, group.name, reachable)).every((r) => settled(r.master)) ? 'relisted' : null), 'replicas relisted').catch(() => null);
      const now = await readMasters(gate, group.name, reachable);
      const checks = now.map((r) =>
        check(
          'sentinel_relisted',
          settled(r.master),
          r.master ? `${r.sentinelId}: ${r.master.numSlaves} replica(s) of ${expected}, ${r.master.numOtherSentinels} other Sentinel(s) of ${others}` : `${r.sentinelId}: ${r.error ?? 'no answer'}`,
          r.master ? `${r.sentinelId}：${r.master.numSlaves}/${expected} 个从节点，${r.master.numOtherSentinels}/${others} 个其他 Sentinel` : `${r.sentinelId}：无响应`,
        ),
      );
      const q = await gate.command(group.name, 'SENTINEL', 'CKQUORUM', group.name).then((x) => ({ ok: true, text: String(x.reply) }), (err: unknown) => ({ ok: false, text: err instanceof Error ? err.message : String(err) }));
      checks.push(check('sentinel_quorum', q.ok, `SENTINEL CKQUORUM ${group.name}: ${q.text}`, `SENTINEL CKQUORUM ${group.name}：${q.text}`));
      return checks;
    },
  };
}
