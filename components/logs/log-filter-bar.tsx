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
        <div
          role="group"
          aria-label={t('logs.filter.verdict')}
          data-testid="log-verdict-filter"
          data-verdict={value.verdict ?? 'all'}
          className="flex h-8 items-center rounded-md border border-border bg-surface-2 p-0.5 text-xs"
        >
          <button
            type="button"
            aria-pressed={!value.verdict}
            data-verdict="all"
            onClick={() => set({ verdict: undefined })}
            className={`focus-ring h-full rounded px-2.5 font-medium transition-colors ${
              !value.verdict ? 'bg-surface text-fg shadow-sm' : 'text-fg-muted hover:text-fg'
            }`}
          >
            {t('logs.filter.all')}
          </button>
          {LogVerdictSchema.options.map((v) => {
            const isOn = value.verdict === v;
            const tone = STATUS_TONE[VERDICT_STATUS[v]];
            return (
              <button
                key={v}
                type="button"
                aria-pressed={isOn}
                data-verdict={v}
                onClick={() => set({ verdict: isOn ? undefined : v })}
                className={`focus-ring flex h-full items-center gap-1 rounded px-2.5 font-medium transition-colors ${
                  isOn ? `bg-surface shadow-sm ${tone.text}` : 'text-fg-muted hover:text-fg'
                }`}
              >
                <StatusIcon status={VERDICT_STATUS[v]} className={`h-3.5 w-3.5 ${tone.text}`} />
                {t(`logs.verdict.${v}`)}
              </button>
            );
          })}
        </div>
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
