// The health report as Markdown or printable HTML, in either language. Pure: a report and a
// locale in, text out (the API's `format=md|html`, the page's export buttons, webhooks).
import { createFormatters, DICTIONARIES, translate, type Locale, type MessageKey } from '../i18n';
import { en } from '../i18n/en';
import type { CheckStatus, HealthReport, ReportCheck } from './report-types';
import { checkReason, incidentWords, reportRole } from './report-words';

export const STATUS_ICON: Record<CheckStatus, string> = { ok: '✅', warn: '⚠️', fail: '❌' };

/** Date and time of report bounds: 24-hour clock from 00:00 (a period starts at 00:00, not 24:00). */
export function reportTime(locale: Locale): (epochMs: number) => string {
  const f = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => f.format(ms);
}

const isMessageKey = (k: string): k is MessageKey => k in en;

export function checkTitleKey(id: string): MessageKey | null {
  const key = `reports.check.${id}`;
  return isMessageKey(key) ? key : null;
}

interface Row {
  title: string;
  status: CheckStatus;
  reason: string;
}

function textOf(locale: Locale) {
  const dict = DICTIONARIES[locale];
  const f = createFormatters(locale, dict);
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(dict, key, params);
  const row = (c: ReportCheck): Row => {
    const titleKey = checkTitleKey(c.id);
    const reason =
      checkReason(c, dict, locale) +
      (c.incidentIds?.length ? ` (${c.incidentIds.join(', ')})` : '');
    return { title: titleKey ? t(titleKey) : c.id, status: c.status, reason };
  };
  const heading = (n: HealthReport['nodes'][number]): string =>
    t('reports.node.heading', { id: n.id, role: reportRole(n.role, dict) });
  return { t, f: { ...f, dateTime: reportTime(locale) }, row, heading };
}

function incidentLine(r: HealthReport['incidents'][number], locale: Locale): string {
  const { t, f } = textOf(locale);
  const w = incidentWords(r, DICTIONARIES[locale], locale);
  const parts = [`${r.id} · ${w.severity} · ${w.title} · ${f.dateTime(r.openedAt)}`];
  if (r.detectMs !== undefined)
    parts.push(t('reports.incident.detect', { value: f.duration(r.detectMs / 1000) }));
  parts.push(
    r.recoverMs !== undefined
      ? t('reports.incident.recover', { value: f.duration(r.recoverMs / 1000) })
      : t('reports.incident.open'),
  );
  return parts.join(' · ');
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportToMarkdown(r: HealthReport, locale: Locale): string {
  const { t, f, row, heading } = textOf(locale);
  const table = (checks: readonly ReportCheck[]): string[] => [
    `| ${t('reports.col.check')} | ${t('reports.col.status')} | ${t('reports.col.reason')} |`,
    '|---|---|---|',
    ...checks
      .map(row)
      .map((x) => `| ${mdCell(x.title)} | ${STATUS_ICON[x.status]} | ${mdCell(x.reason)} |`),
  ];
  const out = [
    `# ${t('reports.title')} — ${t(`reports.period.${r.period}`)} ${STATUS_ICON[r.status]}`,
    '',
    t('reports.range', { from: f.dateTime(r.from), to: f.dateTime(r.to) }),
    '',
    t('reports.generated', {
      at: f.dateTime(r.generatedAt),
      topology: r.topology,
      minutes: r.resolutionMs / 60_000,
    }),
    '',
    `## ${t('reports.topologyChecks')}`,
    '',
    ...table(r.checks),
    '',
    `## ${t('reports.incidents')}`,
    '',
    ...(r.incidents.length
      ? r.incidents.map((i) => `- ${incidentLine(i, locale)}`)
      : [t('reports.noIncidents')]),
    '',
    `## ${t('reports.nodes')}`,
  ];
  for (const n of r.nodes) {
    out.push('', `### ${STATUS_ICON[n.status]} ${heading(n)}`, '');
    if (n.upstream) out.push(t('reports.node.upstream', { id: n.upstream }), '');
    out.push(...table(n.checks));
  }
  return out.join('\n') + '\n';
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function reportToHtml(r: HealthReport, locale: Locale): string {
  const { t, f, row, heading } = textOf(locale);
  const table = (checks: readonly ReportCheck[]): string =>
    `<table><thead><tr><th>${esc(t('reports.col.check'))}</th><th>${esc(t('reports.col.status'))}</th><th>${esc(t('reports.col.reason'))}</th></tr></thead><tbody>${checks
      .map(row)
      .map(
        (x) =>
          `<tr class="${x.status}"><td>${esc(x.title)}</td><td>${STATUS_ICON[x.status]} ${esc(t(`reports.status.${x.status}`))}</td><td>${esc(x.reason)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  const nodes = r.nodes
    .map(
      (n) =>
        `<h3>${STATUS_ICON[n.status]} ${esc(heading(n))}</h3>${n.upstream ? `<p>${esc(t('reports.node.upstream', { id: n.upstream }))}</p>` : ''}${table(n.checks)}`,
    )
    .join('');
  const incidents = r.incidents.length
    ? `<ul>${r.incidents.map((i) => `<li>${esc(incidentLine(i, locale))}</li>`).join('')}</ul>`
    : `<p>${esc(t('reports.noIncidents'))}</p>`;
  const title = `${t('reports.title')} — ${t(`reports.period.${r.period}`)}`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}tr.fail td{background:#fde8e8}tr.warn td{background:#fff6e0}
@media print{body{margin:0}h3{break-after:avoid}}</style></head><body>
<h1>${esc(title)} ${STATUS_ICON[r.status]}</h1><p>${esc(t('reports.range', { from: f.dateTime(r.from), to: f.dateTime(r.to) }))}<br>${esc(
    t('reports.generated', {
      at: f.dateTime(r.generatedAt),
      topology: r.topology,
      minutes: r.resolutionMs / 60_000,
    }),
  )}</p><h2>${esc(t('reports.topologyChecks'))}</h2>${table(r.checks)}<h2>${esc(t('reports.incidents'))}</h2>${incidents}<h2>${esc(t('reports.nodes'))}</h2>${nodes}</body></html>\n`;
}
