// Health reports: JSON for the page, Markdown and printable HTML for export, in en or zh-CN.
import { z } from 'zod';
import { isLocale, type Locale } from '../../lib/i18n';
import { reportToHtml, reportToMarkdown } from '../../lib/reports/report-render';
import type { ReportScheduler } from '../reports/report-scheduler';
import type { ReportService } from '../reports/report-service';
import { readJson } from './body';
import type { Router } from './router';
import { queryObject, validate } from './validate';

/** `at`: epoch ms or an ISO date/time (`2026-01-05`, `2026-01-05T08:00:00Z`); now when absent. */
const AtSchema = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const t = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
    if (!Number.isFinite(t) || t < 0 || t > 8.64e15) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected epoch milliseconds or an ISO date such as 2026-01-05',
      });
      return z.NEVER;
    }
    return t;
  });

export const ReportQuerySchema = z.object({
  period: z.enum(['day', 'week', 'month']).default('day'),
  at: AtSchema.optional(),
  format: z.enum(['json', 'md', 'html']).default('json'),
  lang: z.string().refine(isLocale, 'expected en or zh-CN').default('en'),
});

const SendBodySchema = z
  .object({
    period: z.enum(['day', 'week', 'month']).default('day'),
    at: z.number().int().nonnegative().max(8.64e15).optional(),
    lang: z.enum(['en', 'zh-CN']).default('en'),
  })
  .strict();

export function reportRoutes(
  router: Router,
  reports: ReportService,
  scheduler: ReportScheduler,
): void {
  // "Send now": the report to every configured webhook (operator role), with each one's result.
  router.on(
    'POST',
    '/api/reports/send',
    async ({ req }) => {
      const body = validate(SendBodySchema, await readJson(req), 'body');
      return { results: await scheduler.sendNow(body.period, body.at, body.lang) };
    },
    { role: 'operator' },
  );

  // The day / week / month health report containing `at` (viewer role).
  router.on('GET', '/api/reports', ({ url, res }) => {
    const q = validate(ReportQuerySchema, queryObject(url), 'query');
    const report = reports.build(q.period, q.at);
    if (q.format === 'json') return report;
    const lang: Locale = isLocale(q.lang) ? q.lang : 'en';
    const name = `replicaops-${q.period}-report-${new Date(report.from).toISOString().slice(0, 10)}`;
    const [type, body, ext] =
      q.format === 'md'
        ? ['text/markdown; charset=utf-8', reportToMarkdown(report, lang), 'md']
        : ['text/html; charset=utf-8', reportToHtml(report, lang), 'html'];
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-disposition': `inline; filename="${name}.${ext}"`,
    });
    res.end(body);
    return undefined;
  });
}
