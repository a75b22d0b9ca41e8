// JSON and CSV downloads of a check run. CSV cells are quoted and guarded against spreadsheet
// formula injection (a key may start with "=").
import { DIFF_CLASSES, type CheckRun } from '../contracts';

export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: Array<string | number | boolean | null | undefined>) => cells.map(csvCell).join(',');

export function exportCsv(run: CheckRun): string {
  const lines: string[] = [];
  if (run.kind === 'compare') {
    lines.push(row(['class', 'db', 'key', 'type', 'detail']));
    for (const cls of DIFF_CLASSES) for (const e of run.report.examples[cls] ?? []) lines.push(row([cls, e.db, e.key, e.type, e.detail]));
    for (const e of run.report.skippedExamples) lines.push(row(['skipped', e.db, e.key, e.type, e.detail]));
  } else {
    lines.push(row(['replica', 'master', 'upstream', 'depth', 'seen', 'propagationMs', 'error']));
    for (const r of run.report.replicas) lines.push(row([r.replica, r.master, r.upstream, r.depth, r.seen, r.propagationMs, r.error]));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function exportJson(run: CheckRun): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}

export function exportFileName(run: CheckRun, format: 'json' | 'csv'): string {
  return `${run.kind}-${run.id}.${format}`;
}
