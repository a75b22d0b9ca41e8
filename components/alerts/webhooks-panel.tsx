'use client';
// The configured webhooks, as Uptime Kuma lists its notifications: where each one goes (origin
// only), what it sends, how the last delivery went, and a "send test" for operators.
import type { WebhookInfo } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { canOperate, useMe } from '@/components/hooks/use-me';
import { useWebhooks } from '@/components/hooks/use-webhooks';
import { DriverError } from '@/components/i18n/driver-error';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import type { Status } from '@/lib/contracts';

function Outcome({ ok, at, status, error, label }: { ok: boolean | null; at: number; status?: number; error?: string; label: string }) {
  const { t, fmt } = useT();
  const s: Status = ok === null ? 'unknown' : ok ? 'ok' : 'critical';
  return (
    <span className="flex min-w-0 flex-col gap-0.5 text-xs">
      <span className={`inline-flex items-center gap-1 font-semibold ${STATUS_TONE[s].text}`}>
        <StatusIcon status={s} className="h-3.5 w-3.5" />
        {label}
        {status !== undefined && <span className="font-mono">{t('alerts.http', { status })}</span>}
      </span>
      <span className="tnum text-fg-muted">{fmt.dateTime(at)}</span>
      {error && <DriverError message={error} className="text-crit" />}
    </span>
  );
}

function WebhookCard({ w, canTest, isTesting, onTest }: { w: WebhookInfo; canTest: boolean; isTesting: boolean; onTest: () => void }) {
  const { t } = useT();
  const d = w.lastDelivery;
  return (
    <li className="panel flex flex-col gap-2 p-3" data-testid="webhook" data-name={w.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold text-fg">{w.name}</span>
        <span className="text-xs text-fg-muted">
          {t('webhooks.format', { format: w.format === 'slack' ? 'Slack' : 'JSON' })} ·{' '}
          {t('webhooks.minSeverity', { severity: t(`severity.${w.minSeverity}`) })}
          {w.hasSecret ? ` · ${t('webhooks.signed')}` : ''}
        </span>
      </div>
      <code className="break-all font-mono text-xs text-fg-muted" data-testid="webhook-origin">
        {w.origin}
      </code>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {d ? (
          <Outcome
            ok={d.status === 'pending' ? null : d.status === 'delivered'}
            at={d.at}
            status={d.responseStatus}
            error={d.error}
            label={t('webhooks.lastDelivery', { status: t(`delivery.${d.status}`) })}
          />
        ) : (
          <span className="text-xs text-fg-subtle">{t('webhooks.noDelivery')}</span>
        )}
        {w.lastTest && (
          <Outcome
            ok={w.lastTest.ok}
            at={w.lastTest.at}
            status={w.lastTest.responseStatus}
            error={w.lastTest.error}
            label={t(w.lastTest.ok ? 'webhooks.testOk' : 'webhooks.testFailed')}
          />
        )}
      </div>
      {canTest && (
        <button
          type="button"
          className="btn-ghost focus-ring h-7 self-start"
          data-testid="webhook-test"
          disabled={isTesting}
          onClick={onTest}
        >
          {isTesting ? t('webhooks.testing') : t('webhooks.sendTest')}
        </button>
      )}
    </li>
  );
}

export function WebhooksPanel({ refreshKey }: { refreshKey: number }) {
  const { t } = useT();
  const { me } = useMe();
  const hooks = useWebhooks(refreshKey);
  const canTest = canOperate(me) || me?.authEnabled === false;
  return (
    <section className="flex flex-col gap-2" aria-labelledby="webhooks-title" data-testid="webhooks-panel">
      <h2 id="webhooks-title" className="panel-title">
        {t('webhooks.title')}
      </h2>
      {hooks.error && <p className="text-sm text-crit">{t('webhooks.loadError', { message: hooks.error })}</p>}
      {hooks.testError && <p className="text-sm text-crit" role="alert">{t('webhooks.testError', { message: hooks.testError })}</p>}
      {hooks.webhooks?.length === 0 && <p className="text-sm text-fg-muted">{t('webhooks.none')}</p>}
      <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
        {hooks.webhooks?.map((w) => (
          <WebhookCard
            key={w.name}
            w={w}
            canTest={canTest}
            isTesting={hooks.testing === w.name}
            onTest={() => void hooks.sendTest(w.name)}
          />
        ))}
      </ul>
    </section>
  );
}
