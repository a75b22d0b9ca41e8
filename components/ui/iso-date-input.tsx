'use client';
// A date field that reads the same in every locale: `2026-12-03` (ISO order). The browser's
// own date picker follows the browser's language (12/03/2026 in en-US), whatever the page's is.
import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';

/** `2026-12-03` (a real calendar day) → itself, else null. */
export function parseIsoDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const same =
    d.getFullYear() === Number(m[1]) &&
    d.getMonth() === Number(m[2]) - 1 &&
    d.getDate() === Number(m[3]);
  return same ? text.trim() : null;
}

export function IsoDateInput({
  value,
  onChange,
  className,
  ariaLabel,
}: {
  /** `YYYY-MM-DD`. */
  value: string;
  onChange: (value: string) => void;
  className?: string;
  ariaLabel?: string;
}) {
  const { t } = useT();
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  // A new value from outside replaces what is being typed.
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }
  const isInvalid = parseIsoDate(text) === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      aria-label={ariaLabel}
      aria-invalid={isInvalid || undefined}
      placeholder="YYYY-MM-DD"
      title={t('ui.dateOnlyHint')}
      value={text}
      size={10}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseIsoDate(e.target.value);
        if (parsed !== null) {
          setLastValue(parsed);
          onChange(parsed);
        }
      }}
      className={`${className ?? ''} tnum font-mono ${isInvalid ? 'border-crit' : ''}`}
    />
  );
}
