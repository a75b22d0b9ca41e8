'use client';
// One log row: time, role, level, verdict (icon + word), category and the message in monospace,
// plus what matters about it — ×count with first/last time for a folded storm, the peer node it
// names, the root cause it proves. Rows are memoised: a live push re-renders only changed rows.
import Link from 'next/link';
import { memo } from 'react';
import type { LogEntry, LogRawLine } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { nodeHref } from '@/components/topology/node-card';
import { BoltIcon } from '@/components/findings/icons';
import { logTime } from './log-time';
import { VERDICT_EDGE, VerdictBadge } from './verdict-badge';

export type LogRowData = LogEntry | LogRawLine;

const isFolded = (row: LogRowData): row is LogEntry => 'count' in row;

/** Wide screens: fixed columns so rows never shift; narrow screens and compact lists wrap. */
export const LOG_GRID = {
  wide: 'lg:grid lg:grid-cols-[7rem_4.5rem_4.5rem_6.5rem_11rem_minmax(0,1fr)] lg:gap-x-3',
  wideWithNode:
    'lg:grid lg:grid-cols-[7rem_9rem_4.5rem_4.5rem_6.5rem_11rem_minmax(0,1fr)] lg:gap-x-3',
} as const;

const CELL = 'shrink-0 whitespace-nowrap text-xs text-fg-muted';

/** A line that reached the dashboard this long after it was written is labelled with its age. */
const WRITTEN_LONG_BEFORE_MS = 3600_000;

/** What matters about a row beyond its words: its age, ×count, the peer it names, the cause it proves. */
function LogRowTags({
  row,
  count,
  shownAt,
  lateBy,
}: {
  row: LogRowData;
  count: number;
  shownAt: number;
  lateBy: number;
}) {
  const { t, fmt } = useT();
  const isOld = lateBy >= WRITTEN_LONG_BEFORE_MS;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-[11px]">
      {isOld && (
        <span data-testid="log-written-ago" className="rounded bg-surface-3 px-1.5 text-fg-muted">
          {t('logs.writtenAgo', {
            ago: fmt.duration(lateBy / 1000),
            date: fmt.dateTime(shownAt),
          })}
        </span>
      )}
      {isFolded(row) && count > 1 && (
        <span
          className="tnum inline-flex items-center gap-1.5"
          title={t('logs.folded', {
            n: fmt.number(count),
            first: fmt.dateTime(row.firstAt),
            last: fmt.dateTime(row.lastAt),
          })}
        >
          <span
            data-testid="log-count"
            className="rounded bg-surface-3 px-1.5 font-mono font-bold text-fg"
          >
            {t('logs.repeated', { n: fmt.number(count) })}
          </span>
          <span className="font-mono text-fg-subtle">
            {logTime(fmt, row.firstAt)} → {logTime(fmt, row.lastAt)}
          </span>
        </span>
      )}
      {row.peerNodeId && (
        <Link
          href={nodeHref(row.peerNodeId)}
          data-testid="log-peer"
          className="focus-ring rounded font-mono text-accent hover:underline"
        >
          {t('logs.peer', { id: row.peerNodeId })}
        </Link>
      )}
      {row.causeHint && (
        <span
          data-testid="log-cause"
          data-cause={row.causeHint}
          className="inline-flex items-center gap-1 rounded bg-accent/10 px-1.5 font-semibold text-accent"
        >
          <BoltIcon className="h-3 w-3" />
          {t('logs.proves', { cause: t(`cause.${row.causeHint}`) })}
        </span>
      )}
    </span>
  );
}

function LogRowTime({ shownAt, onJump }: { shownAt: number; onJump?: (t: number) => void }) {
  const { t, fmt } = useT();
  const stamp = logTime(fmt, shownAt);
  return onJump ? (
    <button
      type="button"
      onClick={() => onJump(shownAt)}
      title={`${fmt.dateTime(shownAt)} · ${t('logs.jumpHere')}`}
      className={`${CELL} tnum focus-ring rounded text-left font-mono text-fg hover:text-accent hover:underline`}
    >
      {stamp}
    </button>
  ) : (
    <time
      dateTime={new Date(shownAt).toISOString()}
      title={fmt.dateTime(shownAt)}
      className={`${CELL} tnum font-mono text-fg`}
    >
      {stamp}
    </time>
  );
}

function LogRowView({
  row,
  showNode = false,
  compact = false,
  onJump,
}: {
  row: LogRowData;
  showNode?: boolean;
  /** Always wrap (narrow containers such as the incident timeline). */
  compact?: boolean;
  /** Clicking the time shows every line around it. */
  onJump?: (t: number) => void;
}) {
  const { t } = useT();
  const count = isFolded(row) ? row.count : 1;
  const shownAt = isFolded(row) ? row.lastAt : row.time;
  const grid = compact ? '' : showNode ? LOG_GRID.wideWithNode : LOG_GRID.wide;
  // Backfilled files and logs posted after the fact: the time-of-day stamp alone would read as today.
  const lateBy = row.receivedAt === undefined ? 0 : row.receivedAt - shownAt;
  const isOld = lateBy >= WRITTEN_LONG_BEFORE_MS;
  const hasTags = count > 1 || row.peerNodeId || row.causeHint || isOld;
  return (
    <li
      data-testid="log-row"
      data-verdict={row.verdict}
      data-category={row.category}
      data-count={count}
      className={`flex flex-wrap items-baseline gap-x-3 gap-y-0.5 border-b border-l-2 border-b-border px-3 py-1 [contain-intrinsic-size:auto_2.25rem] [content-visibility:auto] last:border-b-0 ${VERDICT_EDGE[row.verdict]} ${grid}`}
    >
      <LogRowTime shownAt={shownAt} onJump={onJump} />
      {showNode && (
        <Link
          href={nodeHref(row.nodeId)}
          className={`${CELL} focus-ring truncate rounded font-mono hover:text-fg hover:underline`}
        >
          {row.nodeId}
        </Link>
      )}
      <span className={CELL}>{row.role ? t(`logs.role.${row.role}`) : '—'}</span>
      <span className={CELL}>{row.level ? t(`logs.level.${row.level}`) : '—'}</span>
      <span className="shrink-0">
        <VerdictBadge verdict={row.verdict} />
      </span>
      <span className={`${CELL} truncate`} title={t(`logs.category.${row.category}`)}>
        {t(`logs.category.${row.category}`)}
      </span>
      <span className="flex min-w-0 basis-full flex-col gap-0.5 lg:basis-auto">
        <span
          className="whitespace-pre-wrap font-mono text-xs leading-5 text-fg [overflow-wrap:anywhere]"
          title={'raw' in row ? row.raw : undefined}
          // Redis' own words, never translated (and not ours to check for raw codes).
          translate="no"
        >
          {row.message}
        </span>
        {hasTags && <LogRowTags row={row} count={count} shownAt={shownAt} lateBy={lateBy} />}
      </span>
    </li>
  );
}

export const LogRow = memo(LogRowView);

/** Column names above wide rows (hidden where rows wrap). */
export function LogColumns({ showNode = false }: { showNode?: boolean }) {
  const { t } = useT();
  return (
    <li
      aria-hidden="true"
      className={`sticky top-0 z-10 hidden border-b border-border bg-surface-2 px-3 py-1 text-[11px] font-semibold uppercase tracking-wide text-fg-muted ${showNode ? LOG_GRID.wideWithNode : LOG_GRID.wide}`}
    >
      <span>{t('logs.col.time')}</span>
      {showNode && <span>{t('logs.col.node')}</span>}
      <span>{t('logs.col.role')}</span>
      <span>{t('logs.col.level')}</span>
      <span>{t('logs.col.verdict')}</span>
      <span>{t('logs.col.category')}</span>
      <span>{t('logs.col.message')}</span>
    </li>
  );
}
