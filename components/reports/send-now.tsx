'use client';
// "Send now": the shown report to every configured webhook (operator role; hidden otherwise).
import { useState } from 'react';
import type { ReportPeriod } from '@/lib/reports/report-types';
import { useT } from '@/components/i18n/i18n-provider';
import { z } from 'zod';
import { errorMessage, postParsed } from '@/components/hooks/api-client';
import { canOperate, useMe } from '@/components/hooks/use-me';

/** What POST /api/reports/send answers: one result per webhook. */
const SendResultSchema = z.object({ results: z.array(z.object({ ok: z.boolean() })) });

export function SendNow({ period, at }: { period: ReportPeriod; at: number }) {
  const { t, locale } = useT();
  const { me } = useMe();
  const [message, setMessage] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  if (!canOperate(me)) return null;
  const send = async () => {
    setSending(true);
    try {
      const { results } = await postParsed(
        '/api/reports/send',
        { period, at, lang: locale },
        SendResultSchema,
      );
      setMessage(
        results.length
          ? t('reports.sent', { ok: results.filter((r) => r.ok).length, total: results.length })
          : t('reports.noWebhooks'),
      );
    } catch (err) {
      setMessage(t('reports.sendError', { message: errorMessage(err) }));
    } finally {
      setSending(false);
    }
  };
  return (
    <span className="flex items-center gap-2 text-sm">
      <button
        type="button"
        disabled={isSending}
        onClick={() => void send()}
        data-testid="send-now"
        className="focus-ring h-8 rounded-md border border-border px-3 disabled:opacity-50"
      >
        {t('reports.send')}
      </button>
      {message && (
        <span role="status" className="text-fg-muted">
          {message}
        </span>
      )}
    </span>
  );
}
