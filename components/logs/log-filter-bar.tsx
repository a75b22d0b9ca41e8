'use client';
// Filters of the log panel: verdict (segmented, icon + word), category, level and message text.
import { LogCategorySchema, LogLevelSchema, LogVerdictSchema } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import {
  FILTER_CONTROL,
  FilterField,
  FilterForm,
  FilterResetButton,
  OptionSelect,
} from '@/components/ui/filter-controls';
import { Segmented } from '@/components/ui/segmented';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { isEmptyFilter, type LogFilter } from './log-rows';
import { VERDICT_STATUS } from './verdict-badge';

export function LogFilterBar({
  value,
  onChange,
}: {
  value: LogFilter;
  onChange: (next: LogFilter) => void;
}) {
  const { t } = useT();
  const set = (patch: Partial<LogFilter>) => onChange({ ...value, ...patch });
  return (
    <FilterForm label={t('logs.filters')} testId="log-filters" frame="inset">
      <FilterField label={t('logs.filter.verdict')} as="div">
        <Segmented
          label={t('logs.filter.verdict')}
          testId="log-verdict-filter"
          attr="verdict"
          value={value.verdict ?? 'all'}
          options={[
            { value: 'all' as const, label: t('logs.filter.all') },
            ...LogVerdictSchema.options.map((v) => ({
              value: v,
              pressedTone: STATUS_TONE[VERDICT_STATUS[v]].text,
              label: (
                <>
                  <StatusIcon status={VERDICT_STATUS[v]} className={`h-3.5 w-3.5 ${STATUS_TONE[VERDICT_STATUS[v]].text}`} />
                  {t(`logs.verdict.${v}`)}
                </>
              ),
            })),
          ]}
          // Pressing the chosen verdict again shows all.
          onChange={(v) => set({ verdict: v === 'all' || v === value.verdict ? undefined : v })}
        />
      </FilterField>
      <FilterField label={t('logs.filter.category')}>
        <OptionSelect
          name="category"
          value={value.category}
          options={LogCategorySchema.options}
          anyLabel={t('logs.filter.all')}
          optionLabel={(c) => t(`logs.category.${c}`)}
          onChange={(category) => set({ category })}
        />
      </FilterField>
      <FilterField label={t('logs.filter.level')}>
        <OptionSelect
          name="level"
          value={value.level}
          options={LogLevelSchema.options}
          anyLabel={t('logs.filter.all')}
          optionLabel={(l) => t(`logs.level.${l}`)}
          onChange={(level) => set({ level })}
        />
      </FilterField>
      <FilterField label={t('logs.filter.text')}>
        <input
          type="search"
          name="q"
          maxLength={200}
          value={value.q ?? ''}
          placeholder={t('logs.filter.textPlaceholder')}
          onChange={(e) => set({ q: e.target.value })}
          className={`${FILTER_CONTROL} w-56 placeholder:text-fg-subtle`}
        />
      </FilterField>
      {!isEmptyFilter(value) && (
        <FilterResetButton label={t('logs.filter.reset')} onReset={() => onChange({})} />
      )}
    </FilterForm>
  );
}
