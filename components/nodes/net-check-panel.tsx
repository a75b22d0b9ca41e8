'use client';
// Seed §3.3 on demand: the node (and the master address a replica dials) step by step, each
// step with its state word, time, what it means and the command to run next on the host.
import { useState } from 'react';
import {
  NetCheckResultSchema,
  type NetCheckResult,
  type NetStep,
  type NetTargetResult,
  type Status,
} from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage, postParsed } from '@/components/hooks/api-client';
import { pick } from '@/components/actions/action-text';
import { STATUS_TONE, StatusBadge, StatusIcon } from '@/components/ui/status';

const STEP_STATUS: Record<NetStep['state'], Status> = {
  ok: 'ok',
  warning: 'warning',
  failed: 'critical',
  skipped: 'unknown',
};
const TARGET_STATUS: Record<NetTargetResult['state'], Status> = {
  ok: 'ok',
  warning: 'warning',
  failed: 'critical',
};

function TargetResult({ title, result }: { title: string; result: NetTargetResult }) {
  const { t, locale } = useT();
  return (
    <div className="flex flex-col gap-2" data-testid="netcheck-target" data-state={result.state}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        {result.nodeId && result.nodeId !== result.address && (
          <span className="font-mono text-xs text-fg-muted">
            {t('netcheck.reaches', { node: result.nodeId })}
          </span>
        )}
        <StatusBadge
          status={TARGET_STATUS[result.state]}
          size="sm"
          label={t(`netcheck.state.${result.state}`)}
        />
      </div>
      <ol className="flex flex-col divide-y divide-border rounded-md border border-border">
        {result.steps.map((step) => {
          const status = STEP_STATUS[step.state];
          return (
            <li
              key={step.id}
              className="flex gap-3 px-3 py-2 text-sm"
              data-testid={`netcheck-step-${step.id}`}
              data-state={step.state}
            >
              <StatusIcon
                status={status}
                className={`mt-0.5 h-4 w-4 shrink-0 ${STATUS_TONE[status].text}`}
              />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium">{t(`netcheck.step.${step.id}`)}</span>
                  <span className={`text-xs font-semibold uppercase ${STATUS_TONE[status].text}`}>
                    {t(`netcheck.state.${step.state}`)}
                  </span>
                  {step.ms !== null && (
                    <span className="font-mono text-xs text-fg-muted">
                      {t('netcheck.ms', { value: step.ms })}
                    </span>
                  )}
                </div>
                <p className="text-fg-muted">{pick(step.detail, locale)}</p>
                {step.command && (
                  <p className="mt-1 text-xs text-fg-muted">
                    {t('netcheck.onHost')}{' '}
                    <code className="rounded bg-surface-2 px-1 py-0.5 font-mono">
                      {step.command}
                    </code>
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function NetCheckPanel({ nodeId }: { nodeId: string }) {
  const { t, locale, fmt } = useT();
  const [result, setResult] = useState<NetCheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const run = async () => {
    setIsRunning(true);
    setError(null);
    try {
      setResult(
        await postParsed(
          `/api/nodes/${encodeURIComponent(nodeId)}/netcheck`,
          {},
          NetCheckResultSchema,
        ),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setIsRunning(false);
    }
  };
  return (
    <section
      className="panel flex flex-col gap-3 px-5 py-4"
      aria-labelledby="netcheck-title"
      data-testid="netcheck-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="netcheck-title" className="panel-title">
            {t('netcheck.title')}
          </h2>
          <p className="text-sm text-fg-muted">{t('netcheck.hint')}</p>
        </div>
        <button
          type="button"
          className="btn-ghost h-8"
          disabled={isRunning}
          onClick={() => void run()}
          data-testid="netcheck-run"
        >
          {isRunning ? t('netcheck.running') : t('netcheck.run')}
        </button>
      </div>
      {error && (
        <p className="text-sm text-crit" role="alert">
          {t('netcheck.error', { message: error })}
        </p>
      )}
      {result && (
        <div className="flex flex-col gap-4" aria-live="polite">
          <p className="text-sm font-medium" data-testid="netcheck-summary">
            {pick(result.summary, locale)}
          </p>
          <TargetResult
            title={t('netcheck.node', { address: result.node.address })}
            result={result.node}
          />
          {result.upstream && (
            <TargetResult
              title={t('netcheck.upstream', { address: result.upstream.address })}
              result={result.upstream}
            />
          )}
          <p className="text-xs text-fg-subtle">
            {t('netcheck.checkedAt', {
              time: fmt.time(result.finishedAt, true),
              ms: result.finishedAt - result.startedAt,
            })}{' '}
            · {t('netcheck.caveat')}
          </p>
        </div>
      )}
    </section>
  );
}
