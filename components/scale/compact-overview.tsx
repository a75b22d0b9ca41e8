'use client';
// The overview of a large tree on one or two screens: a search box (`/` focuses it), a filter,
// and per master a status grid plus the broken branches expanded and healthy ones folded.
import { useEffect, useMemo, useRef } from 'react';
import type { Link, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { StatusBadge } from '@/components/ui/status';
import { RoleBadge } from '@/components/topology/role-badge';
import {
  capRows,
  compactSections,
  searchCells,
  type CompactSection,
  type StatusFilter,
} from './compact-groups';
import { GroupCard, NodeRowView } from './status-cell';
import { DENSE_ABOVE, StatusGrid } from './status-grid';
import type { OverviewParams } from './use-url-params';

/** More results than this are cut: a search is for finding one node, not listing them all. */
const MAX_RESULTS = 200;

function SectionView({
  section,
  dense,
  onListProblems,
}: {
  section: CompactSection;
  dense: boolean;
  onListProblems: () => void;
}) {
  const { t, fmt } = useT();
  const id = section.root.node.id;
  const shown = useMemo(() => capRows(section.rows), [section.rows]);
  // A healthy master's group is one line: its folded card beside the title, the grid after it.
  const [only] = shown.rows;
  const folded = shown.rows.length === 1 && only?.kind === 'group' && !only.rest ? only : null;
  return (
    <section
      data-testid="compact-section"
      data-node-id={id}
      data-status={section.status}
      className={`flex flex-col rounded-lg border border-border ${dense ? 'gap-1.5 p-2' : 'gap-2 p-3'}`}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <RoleBadge role={section.root.node.role} />
        <h3 className="font-mono text-sm font-semibold">
          {t('scale.section', { id, n: fmt.number(section.nodeCount) })}
        </h3>
        <StatusBadge status={section.status} size="sm" />
        {section.problemCount > 0 && (
          <span className="text-xs text-fg-muted">
            {t('scale.sectionProblems', { n: fmt.number(section.problemCount) })}
          </span>
        )}
        {section.detached && (
          <span className="text-xs text-warn">{t('scale.sectionDetached')}</span>
        )}
        {folded && <GroupCard row={folded} />}
      </header>
      <StatusGrid cells={section.cells} dense={dense} label={t('scale.gridLabel', { id })} />
      {!folded && (
        <div className="flex flex-col gap-1">
          {shown.rows.map((r) =>
            r.kind === 'node' ? (
              <NodeRowView key={`n-${r.cell.node.id}`} cell={r.cell} depth={r.depth} />
            ) : (
              <GroupCard key={`g-${r.head.node.id}-${r.rest ? 'rest' : 'all'}`} row={r} />
            ),
          )}
          {shown.hidden > 0 && (
            <p
              className="flex flex-wrap items-center gap-2 px-1 text-xs text-fg-muted"
              data-testid="compact-more"
            >
              {t('scale.moreRows', {
                n: fmt.number(shown.hidden),
                problems: fmt.number(shown.hiddenProblems),
              })}
              <button
                type="button"
                onClick={onListProblems}
                className="focus-ring rounded px-2 py-0.5 font-semibold text-accent hover:bg-surface-2"
              >
                {t('scale.listProblems')}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function useSlashFocus(ref: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
      )
        return;
      e.preventDefault();
      ref.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ref]);
}

export function CompactOverview({
  nodes,
  links,
  params,
  setParams,
}: {
  nodes: readonly TopologyNode[];
  links: readonly Link[];
  params: OverviewParams;
  setParams: (patch: Partial<OverviewParams>) => void;
}) {
  const { t, fmt } = useT();
  const input = useRef<HTMLInputElement>(null);
  useSlashFocus(input);
  const sections = useMemo(() => compactSections(nodes, links), [nodes, links]);
  const filter: StatusFilter = params.only === 'problems' ? 'problems' : 'all';
  const listProblems = () => setParams({ only: 'problems' });
  const searching = params.q.trim() !== '' || filter !== 'all';
  const results = useMemo(
    () => (searching ? searchCells(sections, params.q, filter) : []),
    [searching, sections, params.q, filter],
  );
  return (
    <div className="flex flex-col gap-3" data-testid="compact-overview">
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex min-w-64 flex-1 items-center gap-2">
          <span className="sr-only">{t('scale.search')}</span>
          <input
            ref={input}
            type="search"
            data-testid="compact-search"
            value={params.q}
            placeholder={t('scale.searchPlaceholder')}
            onChange={(e) => setParams({ q: e.target.value })}
            className="focus-ring w-full rounded-md border border-border bg-surface px-3 py-1.5 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 text-sm text-fg-muted">
          {t('scale.filterLabel')}
          <select
            data-testid="compact-filter"
            value={filter}
            onChange={(e) => setParams({ only: e.target.value === 'problems' ? 'problems' : null })}
            className="focus-ring rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg"
          >
            <option value="all">{t('scale.filterAll')}</option>
            <option value="problems">{t('scale.filterProblems')}</option>
          </select>
        </label>
      </div>
      {searching ? (
        <div className="flex flex-col gap-1" data-testid="compact-results">
          <p className="text-sm text-fg-muted" aria-live="polite">
            {results.length === 0
              ? t('scale.noResults')
              : results.length > MAX_RESULTS
                ? t('scale.resultsMore', {
                    shown: fmt.number(MAX_RESULTS),
                    n: fmt.number(results.length),
                  })
                : t('scale.results', { n: fmt.number(results.length) })}
          </p>
          {results.slice(0, MAX_RESULTS).map((c) => (
            <NodeRowView key={c.node.id} cell={c} depth={0} />
          ))}
        </div>
      ) : (
        sections.map((s) => (
          <SectionView
            key={s.root.node.id}
            section={s}
            dense={nodes.length > DENSE_ABOVE}
            onListProblems={listProblems}
          />
        ))
      )}
    </div>
  );
}
