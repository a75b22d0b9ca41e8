'use client';
// The Consistency page: start a canary or a master–replica comparison, watch it run, read its
// report, browse past checks, and see the real replication delay from the heartbeat.
import { useMemo, useState } from 'react';
import type { CompareMode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage } from '@/components/hooks/api-client';
import { cancelCheck, startCanary, startCompare, useCheckHistory, useLiveCheck } from '@/components/hooks/use-checks';
import { canOperate, useMe } from '@/components/hooks/use-me';
import { useTopology } from '@/components/hooks/use-topology';
import { CheckHistory } from './check-history';
import { CheckReport } from './check-report';
import { CheckStart } from './check-start';
import { HeartbeatPanel } from './heartbeat-panel';

export function ConsistencyPage() {
  const { t } = useT();
  const { me } = useMe();
  const topo = useTopology();
  const replicas = useMemo(
    () =>
      Object.values(topo.nodes)
        .filter((n) => n.role === 'replica')
        .map((n) => ({ id: n.id, reachable: n.reachable }))
        .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })),
    [topo.nodes],
  );
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Reloaded when a check starts here; the hook also reloads whenever any check ends.
  const history = useCheckHistory(chosenId ?? '');
  // On (re)load: a check still running is the one to watch, else the newest one.
  const checks = history.checks;
  const latestId = checks?.find((c) => c.state === 'running')?.id ?? checks?.[0]?.id ?? null;
  const currentId = chosenId ?? latestId;
  const run = useLiveCheck(currentId);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  const [cancellingId, setCancellingId] = useState<string | null>(null);
  const canStart = canOperate(me) && !me?.readOnly;

  const start = async (fn: () => Promise<{ id: string }>) => {
    setError(null);
    setStarting(true);
    try {
      setChosenId((await fn()).id);
    } catch (err) {
      setError(t('checks.startError', { message: errorMessage(err) }));
    } finally {
      setStarting(false);
    }
  };
  const onCancel = async () => {
    if (!run) return;
    setCancellingId(run.id);
    try {
      await cancelCheck(run.id);
    } catch (err) {
      setError(t('checks.cancelError', { message: errorMessage(err) }));
      setCancellingId(null);
    }
  };

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{t('checks.title')}</h1>
        <p className="text-sm text-fg-muted">{t('checks.subtitle')}</p>
      </div>
      {(error ?? history.error) && (
        <p className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit" role="alert">
          {error ?? t('checks.loadError', { message: history.error ?? '' })}
        </p>
      )}
      <CheckStart
        replicas={replicas}
        canStart={canStart}
        isBusy={isStarting || run?.state === 'running'}
        onCanary={() => void start(() => startCanary())}
        onCompare={(replica: string, mode: CompareMode, size: number) => void start(() => startCompare(replica, mode, size))}
      />
      {currentId && !run && <p className="panel px-4 py-3 text-sm text-fg-muted">{t('checks.loading')}</p>}
      {run && (
        <CheckReport
          run={run}
          canCancel={canStart}
          isCancelling={cancellingId === run.id && run.state === 'running'}
          onCancel={() => void onCancel()}
        />
      )}
      <HeartbeatPanel />
      {history.checks && <CheckHistory checks={history.checks} onOpen={setChosenId} />}
    </div>
  );
}
