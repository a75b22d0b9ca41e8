'use client';
// Filters of the log panel: verdict (segmented, icon + word), category, level and message text.
import { LogCategorySchema, LogLevelSchema, LogVerdictSchema } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { isEmptyFilter, type LogFilter } from './log-rows';
import { VERDICT_STATUS } from './verdict-badge';

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
    <form
      role="search"
      aria-label={t('logs.filters')}
      data-testid="log-filters"
      className="flex flex-wrap items-end gap-x-4 gap-y-3 border-b border-border px-4 py-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="flex flex-col gap-1">
        <span className="text-[11px] font-semibold uppercase tracking-wide text-fg-muted">
          {t('logs.filter.verdict')}
        </span>
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
      </div>
      <Field label={t('logs.filter.category')}>
        <select
          className={SELECT}
          name="category"
          value={value.category ?? ''}
          onChange={(e) => {
            const p = LogCategorySchema.safeParse(e.target.value);
            set({ category: p.success ? p.data : undefined });
          }}
        >
          <option value="">{t('logs.filter.all')}</option>
          {LogCategorySchema.options.map((c) => (
            <option key={c} value={c}>
              {t(`logs.category.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('logs.filter.level')}>
        <select
          className={SELECT}
          name="level"
          value={value.level ?? ''}
          onChange={(e) => {
            const p = LogLevelSchema.safeParse(e.target.value);
            set({ level: p.success ? p.data : undefined });
          }}
        >
          <option value="">{t('logs.filter.all')}</option>
          {LogLevelSchema.options.map((l) => (
            <option key={l} value={l}>
              {t(`logs.level.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('logs.filter.text')}>
        <input
          type="search"
          name="q"
          maxLength={200}
          value={value.q ?? ''}
          placeholder={t('logs.filter.textPlaceholder')}
          onChange={(e) => set({ q: e.target.value })}
          className={`${SELECT} w-56 placeholder:text-fg-subtle`}
        />
      </Field>
      {!isEmptyFilter(value) && (
        <button type="button" className="btn-ghost h-8" onClick={() => onChange({})}>
          {t('logs.filter.reset')}
        </button>
      )}
    </form>
  );
}
