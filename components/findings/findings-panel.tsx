'use client';
// Open findings, worst first: what is wrong right now, with evidence and what to do.
import { useMemo, useState, type ReactNode } from 'react';
import type { Severity } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useFindings } from '@/components/hooks/use-findings';
import { OkIcon } from '@/components/ui/icons';
import { FindingGroupItem } from './finding-group';
import { FINDINGS_PAGE, findingsPage, type FindingsPage } from './findings-page';
import { foldFindings, type FindingGroup } from './findings-state';
import { SeverityBadge } from './severity-badge';

const ORDER: Severity[] = ['critical', 'warning', 'info'];

/** The title, how many root findings are open, and how many of each severity. */
function PanelHeader({ groups }: { groups: readonly FindingGroup[] }) {
  const { t, fmt } = useT();
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
    for (const g of groups) c[g.root.severity] += 1;
    return c;
  }, [groups]);
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-2.5">
      <h2 id="findings-title" className="panel-title">
        {t('findings.title')}
      </h2>
      <span className="tnum rounded-full bg-surface-3 px-2 text-xs font-semibold text-fg">
        {fmt.number(groups.length)}
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
  );
}

function AllClear({ children }: { children: ReactNode }) {
  return (
    <p className="flex items-center gap-2 px-4 py-3 text-sm text-ok" data-testid="findings-empty">
      <OkIcon className="h-4 w-4" />
      {children}
    </p>
  );
}

function Pager({ page, onLimit }: { page: FindingsPage<unknown>; onLimit(n: number): void }) {
  const { t, fmt } = useT();
  const button = 'focus-ring rounded px-2 py-1 font-semibold text-fg-muted hover:bg-surface-2';
  return (
    <div
      className="flex flex-wrap items-center gap-3 border-t border-border px-4 py-2 text-xs"
      data-testid="findings-pager"
    >
      <span className="tnum text-fg-muted">
        {t('findings.pageShown', {
          shown: fmt.number(page.shown.length),
          total: fmt.number(page.total),
        })}
      </span>
      <button
        type="button"
        className={button}
        data-testid="findings-more"
        onClick={() => onLimit(page.shown.length + page.more)}
      >
        {t('findings.showMore', { count: fmt.number(page.more) })}
      </button>
      <button type="button" className={button} onClick={() => onLimit(page.total)}>
        {t('findings.showAll', { total: fmt.number(page.total) })}
      </button>
    </div>
  );
}

/** The open findings, a page at a time, info hints folded away until asked for. */
function FindingsList({
  groups,
  view,
}: {
  groups: readonly FindingGroup[];
  view: ReturnType<typeof useListView>;
}) {
  const { t } = useT();
  const { showInfo, setShowInfo, limit, setLimit } = view;
  const problems = groups.filter((g) => g.root.severity !== 'info');
  const hints = groups.filter((g) => g.root.severity === 'info');
  const page = findingsPage(showInfo ? groups : problems, limit);
  return (
    <>
      {problems.length === 0 && (
        <AllClear>{t('findings.onlyInfo', { count: hints.length })}</AllClear>
      )}
      <ul className="max-h-[70vh] divide-y divide-border overflow-y-auto">
        {page.shown.map((g) => (
          <FindingGroupItem key={g.root.id} group={g} />
        ))}
      </ul>
      {page.more > 0 && <Pager page={page} onLimit={setLimit} />}
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
  );
}

/** What the list shows; kept by the panel so it survives the list emptying for a moment. */
function useListView() {
  // Info findings are hygiene hints: folded away so problems stay on top and the tree stays in view.
  const [showInfo, setShowInfo] = useState(false);
  // Paged: a tree with hundreds of problems renders one page of root findings at a time.
  const [limit, setLimit] = useState(FINDINGS_PAGE);
  return { showInfo, setShowInfo, limit, setLimit };
}

export function FindingsPanel() {
  const { t } = useT();
  const { open, hasSnapshot } = useFindings();
  // Roots only at the top level: consequences fold under the finding that explains them.
  const findings = useMemo(() => foldFindings(Object.values(open)), [open]);
  const view = useListView();
  return (
    <section
      className="panel min-w-0"
      aria-labelledby="findings-title"
      data-testid="findings-panel"
      data-count={findings.length}
    >
      <PanelHeader groups={findings} />
      {!hasSnapshot ? (
        <p className="px-4 py-4 text-sm text-fg-muted">{t('findings.waiting')}</p>
      ) : findings.length === 0 ? (
        <AllClear>{t('findings.none')}</AllClear>
      ) : (
        <FindingsList groups={findings} view={view} />
      )}
    </section>
  );
}
