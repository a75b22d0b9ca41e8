// Pure: incident list filters ⇄ the page URL and the REST query (`GET /api/incidents`).
import {
  IncidentStateSchema,
  NodeIdSchema,
  SeveritySchema,
  type IncidentState,
  type Severity,
} from '@/lib/contracts';

export const RANGES = ['1h', '24h', '7d', '30d', 'all', 'custom'] as const;
export type Range = (typeof RANGES)[number];

const RANGE_MS: Record<Exclude<Range, 'all' | 'custom'>, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export interface IncidentFilters {
  state?: IncidentState;
  severity?: Severity;
  node?: string;
  range: Range;
  /** Custom range bounds, epoch ms. */
  from?: number;
  until?: number;
}

export const DEFAULT_FILTERS: IncidentFilters = { range: '7d' };
/** Rows asked for; the server caps at 500. */
export const LIST_LIMIT = 200;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function param(params: Params, key: string): string | undefined {
  const v = params instanceof URLSearchParams ? params.get(key) : params[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === null || s === undefined || s === '' ? undefined : s;
}

function epoch(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Page URL → filters; anything malformed falls back to the default instead of failing. */
export function parseFilters(params: Params): IncidentFilters {
  const state = IncidentStateSchema.safeParse(param(params, 'state'));
  const severity = SeveritySchema.safeParse(param(params, 'severity'));
  const node = NodeIdSchema.safeParse(param(params, 'node'));
  const rawRange = param(params, 'range');
  const range = RANGES.find((r) => r === rawRange) ?? DEFAULT_FILTERS.range;
  const f: IncidentFilters = { range };
  if (state.success) f.state = state.data;
  if (severity.success) f.severity = severity.data;
  if (node.success) f.node = node.data;
  if (range === 'custom') {
    f.from = epoch(param(params, 'from'));
    f.until = epoch(param(params, 'until'));
  }
  return f;
}

/** Filters → page query string (defaults left out so plain /incidents stays plain). */
export function filtersToSearch(f: IncidentFilters): string {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.severity) q.set('severity', f.severity);
  if (f.node) q.set('node', f.node);
  if (f.range !== DEFAULT_FILTERS.range) q.set('range', f.range);
  if (f.range === 'custom') {
    if (f.from !== undefined) q.set('from', String(f.from));
    if (f.until !== undefined) q.set('until', String(f.until));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Filters → `GET /api/incidents` query; relative ranges are resolved against `now`. */
export function filtersToApiQuery(f: IncidentFilters, now: number): URLSearchParams {
  const q = new URLSearchParams({ limit: String(LIST_LIMIT) });
  if (f.state) q.set('state', f.state);
  if (f.severity) q.set('severity', f.severity);
  if (f.node) q.set('node', f.node);
  if (f.range === 'custom') {
    if (f.from !== undefined) q.set('since', String(f.from));
    if (f.until !== undefined) q.set('until', String(f.until));
  } else if (f.range !== 'all') {
    q.set('since', String(Math.max(0, now - RANGE_MS[f.range])));
  }
  return q;
}

export function isDefaultFilters(f: IncidentFilters): boolean {
  return filtersToSearch(f) === '';
}

/** Epoch ms → `<input type="datetime-local">` value in the browser's time zone. */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `datetime-local` value → epoch ms (local time); undefined when empty or invalid. */
export function fromLocalInput(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
