'use client';
// A date-time field that reads the same in every locale: `2026-12-03 14:30` (ISO order, 24 h).
// The browser's own datetime-local picker follows the browser's language (12/03/2026 in en-US,
// ambiguous to half the world), whatever the page's language is.
import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';

const LOCAL_RX = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/;

/** `2026-12-03 14:30[:05]` → the `datetime-local` value `2026-12-03T14:30[:05]`, or null. */
export function parseIsoLocal(text: string): string | null {
  const m = LOCAL_RX.exec(text.trim());
  if (!m) return null;
  const value = `${m[1]}T${m[2]}${m[3] ?? ''}`;
  return Number.isFinite(new Date(value).getTime()) ? value : null;
}

export function IsoDateTimeInput({
  value,
  onChange,
  withSeconds = false,
  className,
  name,
  ariaLabel,
}: {
  /** A `datetime-local` value (`YYYY-MM-DDTHH:mm[:ss]`) or ''. */
  value: string;
  onChange: (value: string) => void;
  withSeconds?: boolean;
  className?: string;
  name?: string;
  ariaLabel?: string;
}) {
  const { t } = useT();
  const shown = value.replace('T', ' ');
  const [text, setText] = useState(shown);
  const [lastValue, setLastValue] = useState(value);
  // A new value from outside (reset, "now") replaces what is being typed.
  if (value !== lastValue) {
    setLastValue(value);
    setText(shown);
  }
  const isInvalid = text.trim() !== '' && parseIsoLocal(text) === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      name={name}
      aria-label={ariaLabel}
      aria-invalid={isInvalid || undefined}
      placeholder={withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm'}
      title={t('ui.dateFormatHint')}
      value={text}
      size={withSeconds ? 19 : 16}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = e.target.value.trim() === '' ? '' : parseIsoLocal(e.target.value);
        if (parsed !== null) {
          setLastValue(parsed);
          onChange(parsed);
        }
      }}
      className={`${className ?? ''} tnum font-mono ${isInvalid ? 'border-crit' : ''}`}
    />
  );
}
