// Scheduled delivery: once a minute, the reports that are due (lib/reports/report-schedule) are
// built and sent to the webhooks; each send is recorded so a restart never repeats it.
import { z } from 'zod';
import type { Locale } from '../../lib/i18n';
import { reportMessage } from '../../lib/reports/report-message';
import { dueReports } from '../../lib/reports/report-schedule';
import type { ReportPeriod } from '../../lib/reports/report-types';
import { deliverReport, type ReportDeliveryResult } from '../alerts/report-delivery';
import type { WebhookConfig } from '../alerts/webhook-config';
import type { Config } from '../config';
import { logger } from '../logger';
import type { Db } from '../store/database';
import type { ReportService } from './report-service';

const log = logger('reports');

export class ReportScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly config: Pick<Config, 'reports' | 'alerts' | 'server'>,
    private readonly now: () => number = Date.now,
  ) {}

  private hooks(): WebhookConfig[] {
    const names = this.config.reports.schedule?.webhooks;
    return this.config.alerts.webhooks.filter((w) => !names || names.includes(w.name));
  }

  /** Builds the report of the period containing `at` and sends it to every webhook now. */
  async sendNow(
    period: ReportPeriod,
    at: number | undefined,
    lang: Locale,
  ): Promise<ReportDeliveryResult[]> {
    const report = this.reports.build(period, at);
    const base = this.config.server.publicUrl[0];
    const link = base
      ? `${base}/api/reports?period=${period}&at=${report.from}&format=html&lang=${lang}`
      : null;
    return deliverReport(this.hooks(), reportMessage(report, link, lang), lang);
  }

  start(): void {
    if (!this.config.reports.schedule || this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = null));
    }, 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends what is due; a failed send is still recorded (a digest is not worth a storm of retries). */
  async tick(): Promise<void> {
    const schedule = this.config.reports.schedule;
    if (!schedule) return;
    const now = this.now();
    const sent = new Set(
      z
        .array(z.object({ key: z.string() }))
        .parse(this.db.prepare('SELECT key FROM report_sends').all())
        .map((r) => r.key),
    );
    for (const due of dueReports(now, -new Date(now).getTimezoneOffset(), schedule, sent)) {
      this.db
        .prepare('INSERT OR IGNORE INTO report_sends (key, sent_at) VALUES (?, ?)')
        .run(due.key, now);
      try {
        const results = await this.sendNow(due.period, due.at, schedule.lang);
        log.info(
          { report: due.key, results: results.map((r) => `${r.webhook}:${r.ok ? 'ok' : r.error}`) },
          'scheduled report sent',
        );
      } catch (err) {
        log.error({ err, report: due.key }, 'scheduled report failed');
      }
    }
  }
}
