'use client';
// The scorecard at the end: pass/fail per expectation (icon + word, never colour alone), the
// two timings, what else opened, and the incidents the drill recorded.
import Link from 'next/link';
import type { DrillRun, DrillScorecard } from '@/lib/contracts/drills';
import { useT } from '@/components/i18n/i18n-provider';
import { DriverError } from '@/components/i18n/driver-error';
import { incidentHref } from '@/components/findings/finding-item';
import { StatusBadge, StatusIcon } from '@/components/ui/status';
import { renderTextRef } from '@/lib/i18n/text-ref';
import { pick } from './bilingual';

function Timing({ label, ms }: { label: string; ms: number | null }) {
  const { fmt } = useT();
  return (
    <div className="flex flex-col">
      <span className="text-[11px] uppercase tracking-wide text-fg-muted">{label}</span>
      <span className="tnum font-mono text-lg text-fg">
        {ms === null ? '—' : fmt.seconds(ms / 1000)}
      </span>
    </div>
  );
}

export function ScorecardView({ card, run }: { card: DrillScorecard; run: DrillRun }) {
  const { t, locale } = useT();
  return (
    <section
      className="panel flex flex-col gap-3 p-4"
      data-testid="drill-scorecard"
      data-passed={String(card.passed)}
      aria-labelledby="drill-card-title"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="drill-card-title" className="panel-title">
          {t('drills.scorecard')}
        </h2>
        <StatusBadge
          status={card.passed ? 'ok' : 'critical'}
          label={card.passed ? t('drills.passed') : t('drills.failed')}
        />
      </div>
      <div className="flex gap-8">
        <Timing label={t('drills.detect')} ms={card.timings.detectMs} />
        <Timing label={t('drills.recover')} ms={card.timings.recoverMs} />
      </div>
      <ul className="flex flex-col gap-1.5">
        {card.expectations.map((e, i) => (
          <li
            key={i}
            className="flex items-start gap-2 text-sm"
            data-testid="drill-expectation"
            data-passed={String(e.passed)}
          >
            <StatusIcon
              status={e.passed ? 'ok' : 'critical'}
              className={`mt-0.5 h-4 w-4 shrink-0 ${e.passed ? 'text-ok' : 'text-crit'}`}
            />
            <div className="min-w-0">
              <span className="text-fg">{pick(e.what, locale)}</span>{' '}
              <span
                className={`text-[11px] font-semibold uppercase ${e.passed ? 'text-ok' : 'text-crit'}`}
              >
                {e.passed ? t('drills.passed') : t('drills.failed')}
              </span>
              <p className="break-words font-mono text-[11px] text-fg-muted" title={e.detail}>
                {(e.detailText && renderTextRef(e.detailText, locale)) ?? e.detail}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {card.unexpected.length > 0 && (
        <p className="text-xs text-fg-muted">
          {t('drills.unexpected')}:{' '}
          {card.unexpected
            .map(
              (u) =>
                `${u.kind}${u.cause ? ` (${u.cause})` : ''} ${t(`status.${u.severity === 'critical' ? 'critical' : 'warning'}`)}${u.tolerated ? ` · ${t('drills.tolerated')}` : ''}`,
            )
            .join(', ')}
        </p>
      )}
      {run.error && (
        <p className="text-xs text-crit">
          <DriverError message={run.error} />
        </p>
      )}
      {run.incidentIds.length > 0 && (
        <p className="flex flex-wrap gap-2 text-xs">
          <span className="text-fg-muted">{t('drills.incidents')}:</span>
          {run.incidentIds.map((id) => (
            <Link
              key={id}
              href={incidentHref(id)}
              className="focus-ring rounded font-mono text-accent hover:underline"
            >
              {id}
            </Link>
          ))}
        </p>
      )}
    </section>
  );
}
