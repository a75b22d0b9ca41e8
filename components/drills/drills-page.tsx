'use client';
// The Drills page: pick a scenario, run it against the demo's sandbox, watch its steps, the
// findings (with their Fix buttons, for guided mode) and the tree react, then the scorecard.
import { useMemo, useState } from 'react';
import type { DrillScenarioId } from '@/lib/contracts/drills';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage } from '@/components/hooks/api-client';
import { useTopology } from '@/components/hooks/use-topology';
import { FindingsPanel } from '@/components/findings/findings-panel';
import { TopologyTree } from '@/components/topology/topology-tree';
import { pick } from './bilingual';
import { DrillHistory } from './drill-history';
import { DrillSteps } from './drill-steps';
import { isDrillOver } from './drill-view';
import { resumeDrill, startDrill } from './drills-api';
import { ScenarioPicker } from './scenario-picker';
import { ScorecardView } from './scorecard-view';
import { useDrillHistory, useDrillScenarios, useLiveDrill } from './use-drills';

export function DrillsPage() {
  const { t, locale } = useT();
  const scenarios = useDrillScenarios();
  const [chosenId, setCurrentId] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(':false');
  const history = useDrillHistory(historyKey);
  // A drill still running when the page (re)loads is the one to watch.
  const running = history.drills?.find((d) => d.state === 'running' || d.state === 'paused');
  const currentId = chosenId ?? running?.id ?? null;
  const run = useLiveDrill(currentId);
  const isOver = isDrillOver(run);
  // History reloads when the watched drill ends (the key changes with it).
  const wantedKey = `${currentId ?? ''}:${isOver}`;
  if (wantedKey !== historyKey) setHistoryKey(wantedKey);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  const [isResuming, setResuming] = useState(false);
  const topo = useTopology();
  const nodes = useMemo(() => Object.values(topo.nodes), [topo.nodes]);
  const links = useMemo(() => Object.values(topo.links), [topo.links]);

  const onRun = async (id: DrillScenarioId, isGuided: boolean) => {
    setError(null);
    setStarting(true);
    try {
      setCurrentId((await startDrill(id, isGuided)).id);
    } catch (err) {
      setError(t('drills.startError', { message: errorMessage(err) }));
    } finally {
      setStarting(false);
    }
  };
  const onResume = async () => {
    if (!run) return;
    setResuming(true);
    try {
      await resumeDrill(run.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setResuming(false);
    }
  };

  const list = scenarios.data?.scenarios ?? [];
  const scenario = run ? list.find((s) => s.id === run.scenario) : undefined;
  const isBusy = isStarting || (run !== null && !isOver);
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{t('drills.title')}</h1>
        <p className="text-sm text-fg-muted">{t('drills.subtitle')}</p>
      </div>
      {scenarios.data && !scenarios.data.available && (
        <p
          className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn"
          role="status"
          data-testid="drill-unavailable"
        >
          {t('drills.unavailable')}
        </p>
      )}
      {(error ?? scenarios.error ?? history.error) && (
        <p
          className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit"
          role="alert"
        >
          {error ?? t('drills.loadError', { message: scenarios.error ?? history.error ?? '' })}
        </p>
      )}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,420px)_minmax(0,1fr)]">
        <div className="flex flex-col gap-5">
          {list.length > 0 && (
            <ScenarioPicker
              scenarios={list}
              isAvailable={scenarios.data?.available ?? false}
              isBusy={isBusy}
              onRun={(id, g) => void onRun(id, g)}
            />
          )}
          {run && (
            <DrillSteps
              run={run}
              guidedHint={scenario ? pick(scenario.guidedHint, locale) : undefined}
              isResuming={isResuming}
              onResume={() => void onResume()}
            />
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          {run?.scorecard && <ScorecardView card={run.scorecard} run={run} />}
          {run && !isOver && <FindingsPanel />}
          {run && !isOver && nodes.length > 0 && (
            <section className="panel min-w-0 p-4" aria-labelledby="drill-tree-title">
              <h2 id="drill-tree-title" className="panel-title mb-4">
                {t('overview.tree')}
              </h2>
              <TopologyTree nodes={nodes} links={links} />
            </section>
          )}
        </div>
      </div>
      {history.drills && (
        <DrillHistory
          drills={history.drills.map((d) => (run && d.id === run.id ? run : d))}
          scenarios={list}
          onOpen={setCurrentId}
        />
      )}
    </div>
  );
}
