// The list-page table: fixed column widths, a header row, one cell of text while there is
// nothing to show, and under it an optional "load older" button and footnote. Rows are the
// caller's own <tr>s. `TableHead` alone serves the small tables inside cards. Hook-free, so it
// needs no "use client" of its own.
import { Fragment, type Key, type ReactNode } from 'react';

export interface Column {
  header: string;
  /** Tailwind width class of the <col>; none takes the width left over. */
  width?: string;
  align?: 'left' | 'right';
  /** The header is read to screen readers only (an icon-only column). */
  isHeaderHidden?: boolean;
}

export interface OlderRows {
  label: string;
  isLoading: boolean;
  onLoad: () => void;
  testId?: string;
}

function HeaderCell({ column, padding }: { column: Column; padding: string }) {
  if (column.isHeaderHidden)
    return (
      <th scope="col" className="px-2 py-2">
        <span className="sr-only">{column.header}</span>
      </th>
    );
  const align = column.align === 'right' ? 'text-right' : '';
  return (
    <th
      scope="col"
      title={column.header}
      // One line per header: a label that wraps or spills reads as part of its neighbour's.
      className={`${padding} ${column.width ?? ''} ${align} overflow-hidden text-ellipsis whitespace-nowrap font-semibold`}
    >
      {column.header}
    </th>
  );
}

/** The header row of any table (list pages and the small tables inside cards). */
export function TableHead({
  columns,
  className = 'bg-surface-2',
  rowClassName = 'panel-title',
  padding = 'px-3 py-2',
}: {
  columns: readonly Column[];
  className?: string;
  rowClassName?: string;
  /** Tailwind padding of every header cell. */
  padding?: string;
}) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {columns.map((c, i) => (
          <HeaderCell key={i} column={c} padding={padding} />
        ))}
      </tr>
    </thead>
  );
}

export function DataTable<T>({
  testId,
  minWidth,
  columns,
  rows,
  rowKey,
  renderRow,
  emptyText,
  emptyTestId,
  older,
  footnote,
}: {
  testId: string;
  /** Tailwind min-width class, e.g. `min-w-[960px]`: below it the panel scrolls sideways. */
  minWidth: string;
  columns: readonly Column[];
  /** null or undefined while loading (or after a failed first load). */
  rows: readonly T[] | null | undefined;
  rowKey: (row: T) => Key;
  renderRow: (row: T) => ReactNode;
  /** Shown in the table while `rows` is missing or empty (loading, failed, nothing matches). */
  emptyText: ReactNode;
  emptyTestId?: string;
  /** The "load older" button under the table, when there are older rows to fetch. */
  older?: OlderRows;
  /** A note under the table, e.g. that the list was cut at a limit. */
  footnote?: ReactNode;
}) {
  return (
    <>
      {/* relative: the sr-only header of an icon column is absolutely placed; without a
          positioned scroller it escapes it and widens the page on a phone. */}
      <div className="panel relative overflow-x-auto">
        <table className={`w-full ${minWidth} table-fixed text-left text-sm`} data-testid={testId}>
          <colgroup>
            {columns.map((c, i) => (
              <col key={i} className={c.width} />
            ))}
          </colgroup>
          <TableHead columns={columns} />
          <tbody>
            {!rows || rows.length === 0 ? (
              <tr>
                <td
                  colSpan={columns.length}
                  className="px-4 py-8 text-fg-muted"
                  data-testid={emptyTestId}
                >
                  {/* Sticky at the scroller's left edge: centred in a table wider than a
                      phone, the message sat off-screen. */}
                  <p className="sticky left-4 max-w-[calc(100vw-4rem)] md:max-w-none md:text-center">
                    {emptyText}
                  </p>
                </td>
              </tr>
            ) : (
              rows.map((row) => <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>)
            )}
          </tbody>
        </table>
      </div>
      {older && (
        <div className="flex justify-center">
          <button
            type="button"
            className="btn-ghost focus-ring h-8"
            onClick={older.onLoad}
            disabled={older.isLoading}
            data-testid={older.testId}
          >
            {older.label}
          </button>
        </div>
      )}
      {footnote ? <p className="text-xs text-fg-muted">{footnote}</p> : null}
    </>
  );
}
