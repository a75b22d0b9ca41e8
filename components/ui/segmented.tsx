// A segmented switch (one of a few values), pressed state announced with aria-pressed. The group
// and each button carry `data-<attr>` with the value, for tests and styling.
import type { ReactNode } from 'react';

export interface SegmentOption<V extends string | number> {
  value: V;
  label: ReactNode;
  /** Text colour of the pressed button when the value has a meaning of its own (a status tone). */
  pressedTone?: string;
  lang?: string;
}

const SIZES = {
  md: { group: 'h-8 text-xs', button: 'px-2.5' },
  sm: { group: 'h-7 text-[11px]', button: 'px-2 whitespace-nowrap' },
};

export function Segmented<V extends string | number>({
  label,
  testId,
  attr,
  value,
  options,
  onChange,
  size = 'md',
}: {
  label: string;
  testId: string;
  /** `window` → `data-window="…"` on the group and on every button. */
  attr: string;
  value: V;
  options: ReadonlyArray<SegmentOption<V>>;
  onChange: (value: V) => void;
  size?: keyof typeof SIZES;
}) {
  const s = SIZES[size];
  return (
    <div
      role="group"
      aria-label={label}
      data-testid={testId}
      {...{ [`data-${attr}`]: value }}
      className={`flex shrink-0 items-center rounded-md border border-border bg-surface-2 p-0.5 ${s.group}`}
    >
      {options.map((o) => {
        const isOn = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            lang={o.lang}
            aria-pressed={isOn}
            {...{ [`data-${attr}`]: o.value }}
            onClick={() => onChange(o.value)}
            className={`focus-ring flex h-full items-center gap-1 whitespace-nowrap rounded font-medium transition-colors ${s.button} ${
              isOn ? `bg-surface shadow-sm ${o.pressedTone ?? 'text-fg'}` : 'text-fg-muted hover:text-fg'
            }`}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
