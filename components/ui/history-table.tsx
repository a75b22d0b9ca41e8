// A panel listing past runs (checks, drills), newest first: a titled table, or one line while
// there are none. Rows are the caller's own <tr>s. Hook-free.
import { Fragment, type Key, type ReactNode } from 'react';
import { TableHead, type Column } from './data-table';

export function HistoryTable<T>({
  titleId,
  title,
  emptyText,
  testId,
  columns,
  rows,
  rowKey,
  renderRow,
}: {
  titleId: string;
  title: string;
  emptyText: string;
  testId: string;
  columns: readonly Column[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  renderRow: (row: T) => ReactNode;
}) {
  return (
    <section className="panel overflow-x-auto" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title px-4 pt-4">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-fg-muted">{emptyText}</p>
      ) : (
        <table className="mt-2 w-full min-w-[720px] text-left text-sm" data-testid={testId}>
          <TableHead
            columns={columns}
            className="text-xs text-fg-muted"
            rowClassName=""
            padding="px-4 py-2"
          />
          <tbody>
            {rows.map((row) => (
              <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The first cell of a history row: when it started, as the button that opens it. */
export function OpenTimeCell({ at, onOpen }: { at: string; onOpen(): void }) {
  return (
    <td className="px-4 py-2">
      <button
        type="button"
        className="focus-ring tnum rounded font-mono text-xs text-accent hover:underline"
        onClick={onOpen}
      >
        {at}
      </button>
    </td>
  );
}
