'use client';
// Past checks, newest first: when, what, on which nodes, how it went.
import type { CheckSummary } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { StatusBadge } from '@/components/ui/status';
import { STATE_LABEL, verdictStatus } from './check-text';

export function CheckHistory({ checks, onOpen }: { checks: CheckSummary[]; onOpen(id: string): void }) {
  const { t, fmt } = useT();
  const result = (c: CheckSummary): string => {
    if (c.state === 'running') return t('checks.progress', { done: fmt.number(c.progress.done), total: fmt.number(c.progress.total), unit: '' });
    if (c.kind === 'canary') return t('checks.history.canary', { failed: c.counts.failed ?? 0, replicas: c.counts.replicas ?? 0 });
    const total = Object.values(c.counts).reduce((a, b) => a + b, 0);
    return total === 0 ? t('checks.history.clean') : t('checks.history.diffs', { n: fmt.number(total) });
  };
  return (
    <section className="panel overflow-x-auto" aria-labelledby="check-history-title">
      <h2 id="check-history-title" className="panel-title px-4 pt-4">
        {t('checks.history')}
      </h2>
      {checks.length === 0 ? (
        <p className="px-4 py-3 text-sm text-fg-muted">{t('checks.history.empty')}</p>
      ) : (
        <table className="mt-2 w-full min-w-[720px] text-left text-sm" data-testid="check-history">
          <thead className="text-xs text-fg-muted">
            <tr>
              <th className="px-4 py-2 font-medium">{t('checks.col.when')}</th>
              <th className="px-4 py-2 font-medium">{t('checks.col.kind')}</th>
              <th className="px-4 py-2 font-medium">{t('checks.col.nodes')}</th>
              <th className="px-4 py-2 font-medium">{t('checks.col.state')}</th>
              <th className="px-4 py-2 font-medium">{t('checks.col.result')}</th>
              <th className="px-4 py-2 text-right font-medium">{t('checks.col.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => {
              const status = verdictStatus(c.state, c.counts, c.kind);
              return (
                <tr key={c.id} className="border-t border-border hover:bg-surface-2" data-testid="check-row" data-id={c.id} data-state={c.state}>
                  <td className="px-4 py-2">
                    <button type="button" className="focus-ring tnum rounded font-mono text-xs text-accent hover:underline" onClick={() => onOpen(c.id)}>
                      {fmt.dateTime(c.startedAt)}
                    </button>
                  </td>
                  <td className="px-4 py-2">{t(c.kind === 'compare' ? 'checks.kind.compare' : 'checks.kind.canary')}</td>
                  <td className="px-4 py-2 font-mono text-xs">{c.nodes.join(' ← ')}</td>
                  <td className="px-4 py-2">
                    <StatusBadge size="sm" status={c.state === 'done' ? 'ok' : c.state === 'failed' ? 'critical' : 'unknown'} label={t(STATE_LABEL[c.state])} />
                  </td>
                  <td className="px-4 py-2">
                    <StatusBadge size="sm" status={status} label={result(c)} />
                  </td>
                  <td className="tnum px-4 py-2 text-right font-mono text-xs">
                    {c.finishedAt ? fmt.seconds((c.finishedAt - c.startedAt) / 1000) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
