'use client';
// A panel listing past runs (checks, drills), newest first: a titled table, or one line while
// there are none. Rows are the caller's own <tr>s.
import { Fragment, type ReactNode } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';
import { TableHead } from './data-table';

/** A column header's text, and `right` for numbers. */
export type HistoryColumn = MessageKey | readonly [MessageKey, 'right'];

export function HistoryTable<T extends { id: string }>({
  id,
  title,
  emptyText,
  columns,
  rows,
  renderRow,
}: {
  /** The table's test id; its heading's id is `<id>-title`. */
  id: string;
  title: string;
  emptyText: string;
  columns: readonly HistoryColumn[];
  rows: readonly T[];
  renderRow: (row: T) => ReactNode;
}) {
  const titleId = `${id}-title`;
  const { t } = useT();
  const head = columns.map((c) =>
    typeof c === 'string' ? { header: t(c) } : { header: t(c[0]), align: c[1] },
  );
  return (
    <section className="panel overflow-x-auto" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title px-4 pt-4">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-fg-muted">{emptyText}</p>
      ) : (
        <table className="mt-2 w-full min-w-[720px] text-left text-sm" data-testid={id}>
          <TableHead
            columns={head}
            className="text-xs text-fg-muted"
            rowClassName=""
            padding="px-4 py-2"
          />
          <tbody>
            {rows.map((row) => (
              <Fragment key={row.id}>{renderRow(row)}</Fragment>
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
