'use client';
// The global health light (seed §5.1): green normal, amber warning, red critical — always with
// its icon and word; grey until the server has reported.
import Link from 'next/link';
import type { Health, Severity, Status } from '@/lib/contracts';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';
import { useFindings } from '@/components/hooks/use-findings';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { healthFromFindings } from './findings-state';
import { SeverityIcon } from './severity-badge';

const WORD: Record<Status, MessageKey> = {
  ok: 'healthLight.ok',
  warning: 'healthLight.warning',
  critical: 'healthLight.critical',
  unknown: 'healthLight.unknown',
};
const HINT: Record<Status, MessageKey> = {
  ok: 'healthLight.okHint',
  warning: 'healthLight.warningHint',
  critical: 'healthLight.criticalHint',
  unknown: 'healthLight.unknownHint',
};

function Count({ label, value, icon }: { label: string; value: string; icon?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-end gap-0.5">
      <span className="text-[11px] font-medium uppercase tracking-wide text-fg-muted">{label}</span>
      <span className="tnum flex items-center gap-1.5 font-mono text-lg font-semibold text-fg">
        {icon}
        {value}
      </span>
    </div>
  );
}

const SEVERITIES = ['critical', 'warning', 'info'] as const satisfies readonly Severity[];
// A severity with none open turns grey; info stays grey-blue either way.
const ICON_TONE: Record<Severity, { some: string; none: string }> = {
  critical: { some: 'text-crit', none: 'text-fg-subtle' },
  warning: { some: 'text-warn', none: 'text-fg-subtle' },
  info: { some: 'text-unk', none: 'text-unk' },
};

function SeverityCount({ severity, n }: { severity: Severity; n: number }) {
  const { t, fmt } = useT();
  const tone = ICON_TONE[severity];
  return (
    <Count
      label={t(`severity.${severity}`)}
      value={fmt.number(n)}
      icon={<SeverityIcon severity={severity} className={`h-4 w-4 ${n ? tone.some : tone.none}`} />}
    />
  );
}

export function HealthLight() {
  const { t, fmt } = useT();
  const { health: reported, open, hasSnapshot } = useFindings();
  // Before the first health report, derive it from the findings we already hold.
  const health: Health | null =
    reported ?? (hasSnapshot ? healthFromFindings(Object.values(open)) : null);
  const level: Status = health?.level ?? 'unknown';
  const tone = STATUS_TONE[level];
  const f = health?.openFindings;
  return (
    <section
      data-testid="health-light"
      data-level={level}
      role="status"
      aria-live="polite"
      aria-label={t('healthLight.label')}
      className={`flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg border-2 px-5 py-3 ${tone.border} ${tone.bg}`}
    >
      <div className="flex items-center gap-4">
        <span
          aria-hidden="true"
          className={`relative flex h-12 w-12 shrink-0 items-center justify-center rounded-full ${tone.solid} shadow-[0_0_0_6px_color-mix(in_srgb,currentColor_18%,transparent)] ${tone.text}`}
        >
          <StatusIcon status={level} className="h-7 w-7 text-surface" />
        </span>
        <div className="flex min-w-0 flex-col">
          <span className="panel-title">{t('healthLight.label')}</span>
          <span className={`text-2xl font-bold leading-tight tracking-tight ${tone.text}`}>
            {t(WORD[level])}
          </span>
          <span className="text-xs text-fg-muted" title={t('healthLight.levels')}>
            {t(HINT[level])}
          </span>
        </div>
      </div>
      {health && f && (
        <div className="ml-auto flex items-center gap-6">
          {SEVERITIES.map((sev) => (
            <SeverityCount key={sev} severity={sev} n={f[sev]} />
          ))}
          <Link
            href="/incidents"
            className="focus-ring flex flex-col items-end gap-0.5 rounded border-l border-border pl-6 hover:underline"
            data-testid="health-open-incidents"
          >
            <span className="text-[11px] font-medium uppercase tracking-wide text-fg-muted">
              {t('healthLight.openIncidents')}
            </span>
            <span className="tnum font-mono text-lg font-semibold text-accent">
              {fmt.number(health.openIncidents)}
            </span>
          </Link>
        </div>
      )}
    </section>
  );
}
