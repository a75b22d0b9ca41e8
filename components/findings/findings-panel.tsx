'use client';
// Open findings, worst first: what is wrong right now, with evidence and what to do.
import { useMemo, useState } from 'react';
import type { Severity } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useFindings } from '@/components/hooks/use-findings';
import { OkIcon } from '@/components/ui/icons';
import { FindingGroupItem } from './finding-group';
import { FINDINGS_PAGE, findingsPage } from './findings-page';
import { foldFindings } from './findings-state';
import { SeverityBadge } from './severity-badge';

const ORDER: Severity[] = ['critical', 'warning', 'info'];

export function FindingsPanel() {
  const { t, fmt } = useT();
  const { open, hasSnapshot } = useFindings();
  // Roots only at the top level: consequences fold under the finding that explains them.
  const findings = useMemo(() => foldFindings(Object.values(open)), [open]);
  // Info findings are hygiene hints: folded away so problems stay on top and the tree stays in view.
  const [showInfo, setShowInfo] = useState(false);
  // Paged: a tree with hundreds of problems renders one page of root findings at a time.
  const [limit, setLimit] = useState(FINDINGS_PAGE);
  const problems = findings.filter((g) => g.root.severity !== 'info');
  const hints = findings.filter((g) => g.root.severity === 'info');
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
    for (const g of findings) c[g.root.severity] += 1;
    return c;
  }, [findings]);
  const page = findingsPage(showInfo ? findings : problems, limit);
  return (
    <section
      className="panel min-w-0"
      aria-labelledby="findings-title"
      data-testid="findings-panel"
      data-count={findings.length}
    >
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-2.5">
        <h2 id="findings-title" className="panel-title">
          {t('findings.title')}
        </h2>
        <span className="tnum rounded-full bg-surface-3 px-2 text-xs font-semibold text-fg">
          {fmt.number(findings.length)}
        </span>
        <span className="ml-auto flex items-center gap-1.5">
          {ORDER.filter((s) => counts[s] > 0).map((s) => (
            <span key={s} className="flex items-center gap-1">
              <SeverityBadge severity={s} size="sm" />
              <span className="tnum font-mono text-xs font-semibold">{fmt.number(counts[s])}</span>
            </span>
          ))}
        </span>
      </div>
      {!hasSnapshot ? (
        <p className="px-4 py-4 text-sm text-fg-muted">{t('findings.waiting')}</p>
      ) : findings.length === 0 ? (
        <p
          className="flex items-center gap-2 px-4 py-3 text-sm text-ok"
          data-testid="findings-empty"
        >
          <OkIcon className="h-4 w-4" />
          {t('findings.none')}
        </p>
      ) : (
        <>
          {problems.length === 0 && (
            <p className="flex items-center gap-2 px-4 py-3 text-sm text-ok" data-testid="findings-empty">
              <OkIcon className="h-4 w-4" />
              {t('findings.onlyInfo', { count: hints.length })}
            </p>
          )}
          <ul className="max-h-[70vh] divide-y divide-border overflow-y-auto">
            {page.shown.map((g) => (
              <FindingGroupItem key={g.root.id} group={g} />
            ))}
          </ul>
          {page.more > 0 && (
            <div
              className="flex flex-wrap items-center gap-3 border-t border-border px-4 py-2 text-xs"
              data-testid="findings-pager"
            >
              <span className="tnum text-fg-muted">
                {t('findings.pageShown', { shown: fmt.number(page.shown.length), total: fmt.number(page.total) })}
              </span>
              <button
                type="button"
                className="focus-ring rounded px-2 py-1 font-semibold text-fg-muted hover:bg-surface-2"
                data-testid="findings-more"
                onClick={() => setLimit(page.shown.length + page.more)}
              >
                {t('findings.showMore', { count: fmt.number(page.more) })}
              </button>
              <button
                type="button"
                className="focus-ring rounded px-2 py-1 font-semibold text-fg-muted hover:bg-surface-2"
                onClick={() => setLimit(page.total)}
              >
                {t('findings.showAll', { total: fmt.number(page.total) })}
              </button>
            </div>
          )}
          {hints.length > 0 && (
            <button
              type="button"
              className="w-full border-t border-border px-4 py-2 text-left text-xs font-semibold text-fg-muted hover:bg-surface-2 focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
              aria-expanded={showInfo}
              data-testid="findings-toggle-info"
              onClick={() => setShowInfo((v) => !v)}
            >
              {showInfo ? t('findings.hideInfo') : t('findings.showInfo', { count: hints.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
