'use client';
// Filters of the incident list: state, severity, node, opened-in range (presets or custom).
import { IncidentStateSchema, SeveritySchema } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import {
  DEFAULT_FILTERS,
  RANGES,
  fromLocalInput,
  isDefaultFilters,
  toLocalInput,
  type IncidentFilters,
  type Range,
} from './incident-filters';

const SELECT =
  'focus-ring h-8 rounded-md border border-border bg-surface-2 px-2 text-sm text-fg hover:border-border-strong';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-[11px] font-semibold uppercase tracking-wide text-fg-muted">
        {label}
      </span>
      {children}
    </label>
  );
}

export function IncidentFilterBar({
  value,
  nodeOptions,
  onChange,
}: {
  value: IncidentFilters;
  nodeOptions: readonly string[];
  onChange: (next: IncidentFilters) => void;
}) {
  const { t } = useT();
  const set = (patch: Partial<IncidentFilters>) => onChange({ ...value, ...patch });
  return (
    <form
      role="search"
      aria-label={t('incidents.filters')}
      data-testid="incident-filters"
      className="panel flex flex-wrap items-end gap-x-4 gap-y-3 px-4 py-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label={t('incidents.filter.state')}>
        <select
          className={SELECT}
          name="state"
          value={value.state ?? ''}
          onChange={(e) => {
            const p = IncidentStateSchema.safeParse(e.target.value);
            set({ state: p.success ? p.data : undefined });
          }}
        >
          <option value="">{t('incidents.filter.any')}</option>
          {IncidentStateSchema.options.map((s) => (
            <option key={s} value={s}>
              {t(`incidentState.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('incidents.filter.severity')}>
        <select
          className={SELECT}
          name="severity"
          value={value.severity ?? ''}
          onChange={(e) => {
            const p = SeveritySchema.safeParse(e.target.value);
            set({ severity: p.success ? p.data : undefined });
          }}
        >
          <option value="">{t('incidents.filter.any')}</option>
          {[...SeveritySchema.options].reverse().map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('incidents.filter.node')}>
        <select
          className={`${SELECT} min-w-44 font-mono`}
          name="node"
          value={value.node ?? ''}
          onChange={(e) => set({ node: e.target.value || undefined })}
        >
          <option value="">{t('incidents.filter.any')}</option>
          {nodeOptions.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('incidents.filter.range')}>
        <select
          className={SELECT}
          name="range"
          value={value.range}
          onChange={(e) => {
            const range = e.target.value as Range;
            set(
              range === 'custom'
                ? { range, from: value.from ?? Date.now() - 86_400_000, until: value.until }
                : { range, from: undefined, until: undefined },
            );
          }}
        >
          {RANGES.map((r) => (
            <option key={r} value={r}>
              {t(`incidents.range.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {value.range === 'custom' && (
        <>
          <Field label={t('incidents.filter.from')}>
            <input
              type="datetime-local"
              className={SELECT}
              value={toLocalInput(value.from)}
              onChange={(e) => set({ from: fromLocalInput(e.target.value) })}
            />
          </Field>
          <Field label={t('incidents.filter.until')}>
            <input
              type="datetime-local"
              className={SELECT}
              value={toLocalInput(value.until)}
              onChange={(e) => set({ until: fromLocalInput(e.target.value) })}
            />
          </Field>
        </>
      )}
      {!isDefaultFilters(value) && (
        <button type="button" className="btn-ghost h-8" onClick={() => onChange(DEFAULT_FILTERS)}>
          {t('incidents.filter.reset')}
        </button>
      )}
    </form>
  );
}
