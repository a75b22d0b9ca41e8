'use client';
// One run: its progress while running, then the report — counts and first examples per class
// (compare) or the propagation time per replica (canary) — with JSON / CSV export.
import Link from 'next/link';
import { DIFF_CLASSES, type CanaryRun, type CompareRun } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { DriverError } from '@/components/i18n/driver-error';
import { exportUrl } from '@/components/hooks/use-checks';
import { STATUS_TONE, StatusBadge, StatusIcon } from '@/components/ui/status';
import { CheckProgressBar, type CheckRunControls } from './check-progress';
import { renderTextRef } from '@/lib/i18n/text-ref';
import { CLASS_LABEL, STATE_LABEL, classStatus, stateStatus } from './check-text';

const EXAMPLES_SHOWN = 10;

function CompareBody({ run }: { run: CompareRun }) {
  const { t, fmt, locale } = useT();
  const r = run.report;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-fg-muted">
        {t('checks.compareOf', { replica: r.replica, master: r.master })} · {t(`checks.mode.${r.mode}`)} ·{' '}
        {t('checks.compared', { n: fmt.number(r.keysCompared), m: fmt.number(r.keysCheckedOnReplica) })}
      </p>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 xl:grid-cols-5">
        {DIFF_CLASSES.map((cls) => {
          const count = r.counts[cls] ?? 0;
          const status = classStatus(cls, count);
          const tone = STATUS_TONE[status];
          return (
            <li
              key={cls}
              data-testid="diff-count"
              data-class={cls}
              data-count={count}
              className={`flex items-center gap-2 rounded-md border px-3 py-2 ${tone.border} ${tone.bg}`}
            >
              <StatusIcon status={status} className={`h-4 w-4 shrink-0 ${tone.text}`} />
              <span className="min-w-0 flex-1 text-sm text-fg">{t(CLASS_LABEL[cls])}</span>
              <span className={`tnum font-mono text-lg font-semibold ${tone.text}`}>{fmt.number(count)}</span>
            </li>
          );
        })}
      </ul>
      <p className="tnum text-xs text-fg-subtle">
        {t('checks.stats', {
          rechecked: fmt.number(r.rechecked),
          canonical: fmt.number(r.canonicalReads),
          skipped: fmt.number(r.skipped),
          rounds: r.rounds,
          backoffs: r.backoffs,
          p50: fmt.number(r.masterLatencyMs.p50, 1),
          max: fmt.number(r.masterLatencyMs.max, 1),
        })}
      </p>
      {DIFF_CLASSES.filter((cls) => (r.examples[cls]?.length ?? 0) > 0).map((cls) => {
        const list = r.examples[cls] ?? [];
        return (
          <div key={cls} className="overflow-x-auto" data-testid="diff-examples" data-class={cls}>
            <h3 className="mb-1 text-sm font-semibold">
              {t('checks.examples', { cls: t(CLASS_LABEL[cls]), n: Math.min(list.length, EXAMPLES_SHOWN), total: fmt.number(r.counts[cls] ?? list.length) })}
            </h3>
            <table className="w-full min-w-[560px] text-left text-sm">
              <thead className="text-xs text-fg-muted">
                <tr>
                  <th className="px-2 py-1 font-medium">{t('checks.col.db')}</th>
                  <th className="px-2 py-1 font-medium">{t('checks.col.key')}</th>
                  <th className="px-2 py-1 font-medium">{t('checks.col.type')}</th>
                  <th className="px-2 py-1 font-medium">{t('checks.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {list.slice(0, EXAMPLES_SHOWN).map((ex) => (
                  <tr key={`${ex.db}:${ex.key}`} className="border-t border-border">
                    <td className="tnum px-2 py-1 font-mono text-xs">{ex.db}</td>
                    <td className="break-all px-2 py-1 font-mono text-xs">{ex.key}</td>
                    <td className="px-2 py-1 font-mono text-xs">{ex.type}</td>
                    <td className="px-2 py-1 text-xs text-fg-muted" title={ex.detail}>
                      {(ex.detailText && renderTextRef(ex.detailText, locale)) ?? ex.detail}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

function CanaryBody({ run }: { run: CanaryRun }) {
  const { t, fmt } = useT();
  const r = run.report;
  if (r.replicas.length === 0) return <p className="text-sm text-fg-muted">{t('checks.canary.none')}</p>;
  return (
    <div className="flex flex-col gap-2 overflow-x-auto">
      <p className="text-sm text-fg-muted">{t('checks.canary.of', { key: r.key, timeout: fmt.number(r.timeoutMs) })}</p>
      <table className="w-full min-w-[560px] text-left text-sm">
        <thead className="text-xs text-fg-muted">
          <tr>
            <th className="px-2 py-1 font-medium">{t('checks.replica')}</th>
            <th className="px-2 py-1 font-medium">{t('checks.col.upstream')}</th>
            <th className="px-2 py-1 text-right font-medium">{t('checks.col.depth')}</th>
            <th className="px-2 py-1 text-right font-medium">{t('checks.col.propagation')}</th>
          </tr>
        </thead>
        <tbody>
          {r.replicas.map((rep) => (
            <tr key={rep.replica} className="border-t border-border" data-testid="canary-row" data-seen={rep.seen}>
              <td className="px-2 py-1 font-mono text-xs">
                <Link href={`/nodes/${encodeURIComponent(rep.replica)}`} className="focus-ring rounded text-accent hover:underline">
                  {rep.replica}
                </Link>
              </td>
              <td className="px-2 py-1 font-mono text-xs text-fg-muted">{rep.upstream}</td>
              <td className="tnum px-2 py-1 text-right font-mono text-xs">{rep.depth}</td>
              <td className="px-2 py-1 text-right">
                {rep.seen && rep.propagationMs !== null ? (
                  <span className="tnum inline-flex items-center gap-1 font-mono text-xs text-ok">
                    <StatusIcon status="ok" className="h-3.5 w-3.5" />
                    {t('checks.ms', { n: fmt.number(rep.propagationMs) })}
                  </span>
                ) : (
                  <span className="inline-flex items-center gap-1 text-xs font-semibold text-crit" title={rep.error}>
                    <StatusIcon status="critical" className="h-3.5 w-3.5" />
                    {t('checks.canary.neverSaw')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CheckReport({ run, canCancel, isCancelling, onCancel }: CheckRunControls) {
  const { t, fmt } = useT();
  return (
    <section className="panel flex flex-col gap-4 p-4" data-testid="check-report" data-state={run.state} data-kind={run.kind} aria-labelledby="check-report-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="check-report-title" className="panel-title flex items-center gap-2">
          {t(run.kind === 'compare' ? 'checks.kind.compare' : 'checks.kind.canary')}
          <span className="font-mono text-xs font-normal text-fg-muted">{run.id}</span>
          <StatusBadge size="sm" status={stateStatus(run.state)} label={t(STATE_LABEL[run.state])} />
        </h2>
        <span className="flex items-center gap-3 text-xs text-fg-muted">
          <span className="tnum">{fmt.dateTime(run.startedAt)}</span>
          {run.state !== 'running' && (
            <>
              <a href={exportUrl(run.id, 'json')} className="focus-ring rounded text-accent hover:underline" data-testid="check-export-json" download>
                {t('checks.export.json')}
              </a>
              <a href={exportUrl(run.id, 'csv')} className="focus-ring rounded text-accent hover:underline" data-testid="check-export-csv" download>
                {t('checks.export.csv')}
              </a>
            </>
          )}
        </span>
      </div>
      <CheckProgressBar run={run} canCancel={canCancel} isCancelling={isCancelling} onCancel={onCancel} />
      {run.error && (
        <p className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit" role="alert">
          <DriverError message={run.error} />
        </p>
      )}
      {run.kind === 'compare' ? <CompareBody run={run} /> : run.state !== 'running' && <CanaryBody run={run} />}
    </section>
  );
}
