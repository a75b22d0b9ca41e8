'use client';
// What the plan will do and why: the action, why it fixes this finding, the exact commands node
// by node in order, the computed effect of each setting, the live preflight and the warnings —
// all before anything runs.
import type { ActionCatalogEntry, ActionPlan, Finding } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { BoltIcon, InfoIcon, TerminalIcon } from '@/components/findings/icons';
import { WarningIcon } from '@/components/ui/icons';
import { pick } from './action-text';
import { CheckList } from './check-list';
import { EffectList } from './effect-list';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-1.5">
      <h3 className="panel-title">{title}</h3>
      {children}
    </section>
  );
}

export function WhyThisFix({ finding }: { finding: Finding }) {
  const { t, locale } = useT();
  return (
    <div
      className="flex flex-col gap-1 rounded-md border border-accent/40 bg-accent/5 px-3 py-2"
      data-testid="action-why"
    >
      <h3 className="panel-title flex items-center gap-1.5 text-accent">
        <BoltIcon className="h-3.5 w-3.5" />
        {t('actions.whyFix', { finding: pick(finding.title, locale) })}
      </h3>
      <p className="whitespace-pre-line text-sm leading-6 text-fg">
        {locale === 'zh-CN' ? finding.remedy.textZh : finding.remedy.text}
      </p>
    </div>
  );
}

export function PlanView({
  plan,
  entry,
  finding,
}: {
  plan: ActionPlan;
  entry: ActionCatalogEntry | undefined;
  finding: Finding | undefined;
}) {
  const { t, locale } = useT();
  const failed = plan.preflight.filter((c) => !c.ok).length;
  return (
    <div className="flex flex-col gap-4">
      {entry && (
        <p className="flex items-start gap-2 text-sm leading-6 text-fg-muted">
          <InfoIcon className="mt-1 h-4 w-4 shrink-0" />
          {pick(entry.description, locale)}
        </p>
      )}
      {finding && <WhyThisFix finding={finding} />}

      <Section title={t('actions.commands', { n: plan.steps.length })}>
        {plan.steps.length === 0 ? (
          <p className="text-sm text-fg-muted">{t('actions.noCommands')}</p>
        ) : (
          <ol className="flex flex-col gap-1.5" data-testid="plan-steps">
            {plan.steps.map((s, i) => (
              <li
                key={i}
                data-testid="plan-step"
                className="flex flex-col gap-1 rounded-md border border-border bg-surface-2 px-3 py-2"
              >
                <span className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                  <span className="tnum text-xs font-semibold text-fg-muted">{i + 1}.</span>
                  <span className="font-mono text-xs text-fg-muted">{s.nodeId}</span>
                </span>
                <code className="flex items-start gap-1.5 break-all font-mono text-sm text-fg">
                  <TerminalIcon className="mt-0.5 h-4 w-4 shrink-0 text-fg-subtle" />
                  {s.command}
                </code>
                <span className="text-xs leading-5 text-fg-muted">{pick(s.why, locale)}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>

      {plan.effects && plan.effects.length > 0 && (
        <Section title={t('actions.effects')}>
          <EffectList effects={plan.effects} />
        </Section>
      )}

      <Section
        title={
          failed
            ? t('actions.preflightFailed', { n: failed })
            : t('actions.preflightOk', { n: plan.preflight.length })
        }
      >
        <CheckList checks={plan.preflight} testId="preflight-check" />
      </Section>

      {plan.warnings.length > 0 && (
        <Section title={t('actions.warnings')}>
          <ul className="flex flex-col gap-1.5">
            {plan.warnings.map((w, i) => (
              <li
                key={i}
                data-testid="plan-warning"
                className="flex items-start gap-2 rounded-md border border-warn/50 bg-warn-bg px-3 py-2 text-sm leading-6 text-fg"
              >
                <WarningIcon className="mt-1 h-4 w-4 shrink-0 text-warn" />
                <span className="sr-only">{t('status.warning')}</span>
                {pick(w, locale)}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
