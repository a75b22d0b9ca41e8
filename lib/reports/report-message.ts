// What a scheduled (or "send now") report says to a webhook: a JSON summary with a link, or a
// Slack text. Pure: a report, a link and a locale in, the body out.
import { translate, DICTIONARIES, createFormatters, type Locale } from '../i18n';
import { checkTitleKey, reportTime, STATUS_ICON } from './report-render';
import type { HealthReport } from './report-types';
import { checkReason } from './report-words';

export interface ReportMessage {
  event: 'report';
  period: HealthReport['period'];
  from: number;
  to: number;
  topology: string;
  status: HealthReport['status'];
  counts: { ok: number; warn: number; fail: number };
  /** Checks that are not ✅, node checks first. */
  problems: Array<{ nodeId?: string; check: string; status: 'warn' | 'fail'; reason: string }>;
  link: string | null;
}

export function reportMessage(
  r: HealthReport,
  link: string | null,
  locale: Locale = 'en',
): ReportMessage {
  const dict = DICTIONARIES[locale];
  const all = [
    ...r.nodes.flatMap((n) => n.checks.map((c) => ({ nodeId: n.id, c }))),
    ...r.checks.map((c) => ({ nodeId: undefined, c })),
  ];
  const counts = { ok: 0, warn: 0, fail: 0 };
  for (const { c } of all) counts[c.status] += 1;
  const problems = all.flatMap(({ nodeId, c }) =>
    c.status === 'ok'
      ? []
      : [
          {
            ...(nodeId ? { nodeId } : {}),
            check: c.id,
            status: c.status,
            reason: checkReason(c, dict, locale),
          },
        ],
  );
  return {
    event: 'report',
    period: r.period,
    from: r.from,
    to: r.to,
    topology: r.topology,
    status: r.status,
    counts,
    problems,
    link,
  };
}

export function reportSlackText(m: ReportMessage, locale: Locale = 'en'): string {
  const dict = DICTIONARIES[locale];
  const f = { ...createFormatters(locale, dict), dateTime: reportTime(locale) };
  const t = translate.bind(null, dict);
  const head = `${STATUS_ICON[m.status]} *${t('reports.title')} — ${t(`reports.period.${m.period}`)}* · ${m.topology} · ${t('reports.range', { from: f.dateTime(m.from), to: f.dateTime(m.to) })}`;
  const lines = m.problems.slice(0, 20).map((p) => {
    const key = checkTitleKey(p.check);
    return `${STATUS_ICON[p.status]} ${p.nodeId ? `${p.nodeId} · ` : ''}${key ? t(key) : p.check}: ${p.reason}`;
  });
  if (m.problems.length > 20) lines.push(`… +${m.problems.length - 20}`);
  return [
    head,
    `✅ ${m.counts.ok} · ⚠️ ${m.counts.warn} · ❌ ${m.counts.fail}`,
    ...lines,
    ...(m.link ? [m.link] : []),
  ].join('\n');
}
