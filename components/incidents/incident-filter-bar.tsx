'use client';
// Filters of the incident list: state, severity, node, opened-in range (presets or custom).
import { IncidentStateSchema, SeveritySchema } from '@/lib/contracts';
import { IsoDateTimeInput } from '@/components/ui/iso-datetime-input';
import { useT } from '@/components/i18n/i18n-provider';
import {
  FILTER_CONTROL,
  FilterField,
  FilterForm,
  FilterResetButton,
  OptionSelect,
} from '@/components/ui/filter-controls';
import {
  DEFAULT_FILTERS,
  RANGES,
  fromLocalInput,
  isDefaultFilters,
  toLocalInput,
  type IncidentFilters,
} from './incident-filters';

const SEVERITIES_WORST_FIRST = [...SeveritySchema.options].reverse();

/** Opened-in: a preset, or `custom` with from/until pickers beside it. */
function RangeFields({
  value,
  set,
}: {
  value: IncidentFilters;
  set: (patch: Partial<IncidentFilters>) => void;
}) {
  const { t } = useT();
  return (
    <>
      <FilterField label={t('incidents.filter.range')}>
        <OptionSelect
          name="range"
          value={value.range}
          options={RANGES}
          optionLabel={(r) => t(`incidents.range.${r}`)}
          // No "any" choice here, so the select never reports undefined; the default is for the type.
          onChange={(range = value.range) =>
            set(
              range === 'custom'
                ? { range, from: value.from ?? Date.now() - 86_400_000, until: value.until }
                : { range, from: undefined, until: undefined },
            )
          }
        />
      </FilterField>
      {value.range === 'custom' &&
        (['from', 'until'] as const).map((edge) => (
          <FilterField key={edge} label={t(`incidents.filter.${edge}`)}>
            <IsoDateTimeInput
              className={FILTER_CONTROL}
              value={toLocalInput(value[edge])}
              onChange={(v) => set({ [edge]: fromLocalInput(v) })}
            />
          </FilterField>
        ))}
    </>
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
  const any = t('incidents.filter.any');
  return (
    <FilterForm label={t('incidents.filters')} testId="incident-filters" frame="panel">
      <FilterField label={t('incidents.filter.state')}>
        <OptionSelect
          name="state"
          value={value.state}
          options={IncidentStateSchema.options}
          anyLabel={any}
          optionLabel={(s) => t(`incidentState.${s}`)}
          onChange={(state) => set({ state })}
        />
      </FilterField>
      <FilterField label={t('incidents.filter.severity')}>
        <OptionSelect
          name="severity"
          value={value.severity}
          options={SEVERITIES_WORST_FIRST}
          anyLabel={any}
          optionLabel={(s) => t(`severity.${s}`)}
          onChange={(severity) => set({ severity })}
        />
      </FilterField>
      <FilterField label={t('incidents.filter.node')}>
        <OptionSelect
          name="node"
          value={value.node}
          options={nodeOptions}
          anyLabel={any}
          onChange={(node) => set({ node })}
          className="min-w-44 font-mono"
        />
      </FilterField>
      <RangeFields value={value} set={set} />
      {!isDefaultFilters(value) && (
        <FilterResetButton
          label={t('incidents.filter.reset')}
          onReset={() => onChange(DEFAULT_FILTERS)}
        />
      )}
    </FilterForm>
  );
}
