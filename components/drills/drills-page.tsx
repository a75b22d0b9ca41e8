'use client';
// The Drills page: pick a scenario, run it against the demo's sandbox, watch its steps, the
// findings (with their Fix buttons, for guided mode) and the tree react, then the scorecard.
import { useMemo, useState } from 'react';
import type { DrillRun, DrillScenarioId } from '@/lib/contracts/drills';
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

/** Start and resume, with their own busy flags and the error either left. */
function useDrillCommands(run: DrillRun | null, onStarted: (id: string) => void) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  const [isResuming, setResuming] = useState(false);
  const start = async (id: DrillScenarioId, isGuided: boolean) => {
    setError(null);
    setStarting(true);
    try {
      onStarted((await startDrill(id, isGuided)).id);
    } catch (err) {
      setError(t('drills.startError', { message: errorMessage(err) }));
    } finally {
      setStarting(false);
    }
  };
  const resume = async () => {
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
  return { error, isStarting, isResuming, start, resume };
}

/** The drill being watched: the one picked, else one still running when the page loads. */
function useWatchedDrill() {
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
  return { run, isOver, history, setCurrentId };
}

/** The live tree while a drill runs, so the operator sees the topology react. */
function DrillTree() {
  const { t } = useT();
  const topo = useTopology();
  const nodes = useMemo(() => Object.values(topo.nodes), [topo.nodes]);
  const links = useMemo(() => Object.values(topo.links), [topo.links]);
  if (nodes.length === 0) return null;
  return (
    <section className="panel min-w-0 p-4" aria-labelledby="drill-tree-title">
      <h2 id="drill-tree-title" className="panel-title mb-4">
        {t('overview.tree')}
      </h2>
      <TopologyTree nodes={nodes} links={links} />
    </section>
  );
}

function Banners({ isUnavailable, error }: { isUnavailable: boolean; error: string | null }) {
  const { t } = useT();
  return (
    <>
      {isUnavailable && (
        <p
          className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn"
          role="status"
          data-testid="drill-unavailable"
        >
          {t('drills.unavailable')}
        </p>
      )}
      {error && (
        <p
          className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit"
          role="alert"
        >
          {error}
        </p>
      )}
    </>
  );
}

export function DrillsPage() {
  const { t, locale } = useT();
  const scenarios = useDrillScenarios();
  const { run, isOver, history, setCurrentId } = useWatchedDrill();
  const { error, isStarting, isResuming, start, resume } = useDrillCommands(run, setCurrentId);

  const list = scenarios.data?.scenarios ?? [];
  const scenario = run ? list.find((s) => s.id === run.scenario) : undefined;
  const isBusy = isStarting || (run !== null && !isOver);
  const loadError = scenarios.error ?? history.error;
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{t('drills.title')}</h1>
        <p className="text-sm text-fg-muted">{t('drills.subtitle')}</p>
      </div>
      <Banners
        isUnavailable={!!scenarios.data && !scenarios.data.available}
        error={error ?? (loadError ? t('drills.loadError', { message: loadError }) : null)}
      />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,420px)_minmax(0,1fr)]">
        <div className="flex flex-col gap-5">
          {list.length > 0 && (
            <ScenarioPicker
              scenarios={list}
              isAvailable={scenarios.data?.available ?? false}
              isBusy={isBusy}
              onRun={(id, g) => void start(id, g)}
            />
          )}
          {run && (
            <DrillSteps
              run={run}
              guidedHint={scenario ? pick(scenario.guidedHint, locale) : undefined}
              isResuming={isResuming}
              onResume={() => void resume()}
            />
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          {run?.scorecard && <ScorecardView card={run.scorecard} run={run} />}
          {run && !isOver && <FindingsPanel />}
          {run && !isOver && <DrillTree />}
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
