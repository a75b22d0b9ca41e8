'use client';
// Seed §5.4's incident response SOP as a checklist. Ticks live in this browser only (local UI
// state, not part of the incident record); the hints beside steps are facts the dashboard knows.
import { useCallback, useSyncExternalStore } from 'react';
import type { IncidentDetail } from '@/lib/contracts';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';
import { CheckIcon, InfoIcon } from '@/components/findings/icons';

export const SOP_STEPS: MessageKey[] = [
  'sop.step1',
  'sop.step2',
  'sop.step3',
  'sop.step4',
  'sop.step5',
  'sop.step6',
  'sop.step7',
  'sop.step8',
];

const storageKey = (incidentId: string) => `replicaops-sop:${incidentId}`;
const CHANGE_EVENT = 'replicaops:sop';

function readRaw(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** Checked step indexes, stored as a comma list (a string keeps the snapshot stable). */
function useChecked(incidentId: string): [Set<number>, (i: number) => void] {
  const key = storageKey(incidentId);
  const raw = useSyncExternalStore(
    subscribe,
    () => readRaw(key),
    () => '',
  );
  const checked = new Set(
    raw
      .split(',')
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n)),
  );
  const toggle = useCallback(
    (i: number) => {
      const next = new Set(readRaw(key).split(',').filter(Boolean).map(Number));
      if (next.has(i)) next.delete(i);
      else next.add(i);
      try {
        window.localStorage.setItem(key, [...next].sort((a, b) => a - b).join(','));
      } catch {
        // storage disabled: nothing to keep
      }
      window.dispatchEvent(new Event(CHANGE_EVENT));
    },
    [key],
  );
  return [checked, toggle];
}

export function SopChecklist({ incident }: { incident: IncidentDetail }) {
  const { t, fmt } = useT();
  const [checked, toggle] = useChecked(incident.id);
  const hints: Partial<Record<number, string>> = {
    0: t('sop.hint.detected', { time: fmt.time(incident.openedAt) }),
    1: t('sop.hint.recorded'),
    2:
      incident.findings.length > 0
        ? t('sop.hint.diagnosed', { n: incident.findings.length })
        : undefined,
    4:
      incident.resolvedAt !== undefined
        ? t('sop.hint.resolved', { time: fmt.time(incident.resolvedAt) })
        : undefined,
  };
  const done = SOP_STEPS.filter((_, i) => checked.has(i)).length;
  return (
    <section
      className="panel"
      aria-labelledby="sop-title"
      data-testid="sop-checklist"
      title={t('sop.localOnly')}
    >
      <div className="flex items-center gap-2 border-b border-border px-4 py-2.5">
        <h2 id="sop-title" className="panel-title">
          {t('sop.title')}
        </h2>
        <span className="text-fg-subtle" title={t('sop.localOnly')} data-testid="sop-local-hint">
          <InfoIcon className="h-3.5 w-3.5" />
          <span className="sr-only">{t('sop.localOnly')}</span>
        </span>
        <span className="tnum ml-auto text-xs font-semibold text-fg-muted">
          {t('sop.progress', { done, total: SOP_STEPS.length })}
        </span>
      </div>
      <ol className="flex flex-col py-1">
        {SOP_STEPS.map((key, i) => {
          const isChecked = checked.has(i);
          return (
            <li key={key} data-testid="sop-step" data-checked={isChecked ? 'true' : 'false'}>
              <label
                className="flex cursor-pointer items-start gap-3 px-4 py-1.5 hover:bg-surface-2"
                title={t('sop.localOnly')}
              >
                <input
                  type="checkbox"
                  className="peer sr-only"
                  checked={isChecked}
                  onChange={() => toggle(i)}
                />
                <span
                  aria-hidden="true"
                  className={`mt-0.5 flex h-4.5 w-4.5 shrink-0 items-center justify-center rounded border peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent ${
                    isChecked ? 'border-ok bg-ok text-surface' : 'border-border-strong bg-surface'
                  }`}
                >
                  {isChecked && <CheckIcon className="h-3.5 w-3.5" strokeWidth={3} />}
                </span>
                <span className="flex min-w-0 flex-col">
                  <span
                    className={`text-sm ${isChecked ? 'text-fg-muted line-through' : 'text-fg'}`}
                  >
                    <span className="tnum mr-1.5 font-mono text-xs text-fg-subtle">{i + 1}.</span>
                    {t(key)}
                  </span>
                  {hints[i] && <span className="text-xs text-fg-subtle">{hints[i]}</span>}
                </span>
              </label>
            </li>
          );
        })}
      </ol>
      <p className="border-t border-border px-4 py-2 text-[11px] text-fg-subtle">
        {t('sop.source')}
      </p>
    </section>
  );
}
