'use client';
// Choose a scenario (its description in the current language), guided or not, and run it.
import { useState } from 'react';
import { DrillScenarioIdSchema, type DrillScenarioId, type DrillScenarioSummary } from '@/lib/contracts/drills';
import { useT } from '@/components/i18n/i18n-provider';
import { pick } from './bilingual';

export function ScenarioPicker({
  scenarios,
  isAvailable,
  isBusy,
  onRun,
}: {
  scenarios: DrillScenarioSummary[];
  isAvailable: boolean;
  isBusy: boolean;
  onRun(id: DrillScenarioId, isGuided: boolean): void;
}) {
  const { t, locale, fmt } = useT();
  const [id, setId] = useState<DrillScenarioId | undefined>(scenarios[0]?.id);
  const [isGuided, setGuided] = useState(false);
  const s = scenarios.find((x) => x.id === id);
  return (
    <section className="panel flex flex-col gap-3 p-4" aria-labelledby="drill-pick-title">
      <h2 id="drill-pick-title" className="panel-title">
        {t('drills.scenario')}
      </h2>
      <select
        data-testid="drill-scenario"
        className="focus-ring h-9 rounded-md border border-border bg-surface-2 px-2 text-sm"
        value={id ?? ''}
        onChange={(e) => {
          const picked = DrillScenarioIdSchema.safeParse(e.target.value);
          if (picked.success) setId(picked.data);
        }}
        aria-label={t('drills.scenario')}
      >
        {scenarios.map((x) => (
          <option key={x.id} value={x.id}>
            {pick(x.title, locale)}
          </option>
        ))}
      </select>
      {s && (
        <div className="flex flex-col gap-2 text-sm" data-testid="drill-description">
          <p className="text-fg">{pick(s.description, locale)}</p>
          <p className="text-xs text-fg-muted">
            {t('drills.expected')}:{' '}
            {s.expected.map((e) => (
              <code
                key={`${e.kind}-${e.cause ?? ''}`}
                className="mr-1.5 rounded bg-surface-2 px-1 py-0.5 font-mono"
              >
                {e.cause ? `${e.kind} (${e.cause})` : e.kind}
              </code>
            ))}
          </p>
          <p className="text-xs text-fg-muted">
            {t('drills.limits', {
              detect: fmt.seconds(s.maxDetectMs / 1000),
              recover: fmt.seconds(s.maxRecoverMs / 1000),
            })}
            {s.needsProxy ? ` · ${t('drills.needsProxy')}` : ''}
          </p>
        </div>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={isGuided}
          onChange={(e) => setGuided(e.target.checked)}
          data-testid="drill-guided"
        />
        {t('drills.guided')}
      </label>
      <div>
        <button
          type="button"
          data-testid="drill-run"
          className="focus-ring inline-flex h-9 items-center gap-1.5 rounded-md bg-accent px-4 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:opacity-50"
          disabled={!isAvailable || isBusy || !id}
          onClick={() => id && onRun(id, isGuided)}
        >
          {isBusy ? t('drills.running') : t('drills.run')}
        </button>
      </div>
    </section>
  );
}
