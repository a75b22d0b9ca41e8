'use client';
// Building blocks of the list filter bars (incidents, logs): the search form, a labelled field,
// a select over a closed set of options and the reset button, so every bar looks the same.

/** The look of every filter control (select, date, text). */
export const FILTER_CONTROL =
  'focus-ring h-8 rounded-md border border-border bg-surface-2 px-2 text-sm text-fg hover:border-border-strong';

const FORM_FRAME = {
  panel: 'panel flex flex-wrap items-end gap-x-4 gap-y-3 px-4 py-3',
  inset: 'flex flex-wrap items-end gap-x-4 gap-y-3 border-b border-border px-4 py-3',
} as const;

export function FilterForm({
  label,
  testId,
  frame,
  children,
}: {
  label: string;
  testId: string;
  /** `panel`: a bar of its own; `inset`: the top of another panel, ruled off below. */
  frame: keyof typeof FORM_FRAME;
  children: React.ReactNode;
}) {
  return (
    <form
      role="search"
      aria-label={label}
      data-testid={testId}
      className={FORM_FRAME[frame]}
      onSubmit={(e) => e.preventDefault()}
    >
      {children}
    </form>
  );
}

/** A caption over a control; `as="div"` when the control is a group of buttons, not one input. */
export function FilterField({
  label,
  as: Tag = 'label',
  children,
}: {
  label: string;
  as?: 'label' | 'div';
  children: React.ReactNode;
}) {
  return (
    <Tag className="flex flex-col gap-1">
      <span className="text-[11px] font-semibold uppercase tracking-wide text-fg-muted">
        {label}
      </span>
      {children}
    </Tag>
  );
}

/**
 * A select over `options`. With `anyLabel` it starts with an empty "no filter" choice, which
 * reports `undefined`; a value outside `options` reports `undefined` too.
 */
export function OptionSelect<T extends string>({
  name,
  value,
  options,
  anyLabel,
  optionLabel = (o) => o,
  onChange,
  className,
}: {
  name: string;
  value: T | undefined;
  options: readonly T[];
  anyLabel?: string;
  optionLabel?: (option: T) => string;
  onChange: (next: T | undefined) => void;
  className?: string;
}) {
  return (
    <select
      className={className ? `${FILTER_CONTROL} ${className}` : FILTER_CONTROL}
      name={name}
      value={value ?? ''}
      onChange={(e) => onChange(options.find((o) => o === e.target.value))}
    >
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {optionLabel(o)}
        </option>
      ))}
    </select>
  );
}

export function FilterResetButton({ label, onReset }: { label: string; onReset: () => void }) {
  return (
    <button type="button" className="btn-ghost h-8" onClick={onReset}>
      {label}
    </button>
  );
}
