'use client';
// A connection or command error from the server: translated when we know its wording, the
// original always on hover; an unknown message stays verbatim, marked as code.
import { useT } from './i18n-provider';
import { driverErrorText } from './code-labels';

export function DriverError({ message, className = '' }: { message: string; className?: string }) {
  const { t, locale } = useT();
  const text = driverErrorText(message, t, locale);
  // Wrap at spaces first, inside a long address only when it must.
  if (text === message)
    return <code className={`font-mono [overflow-wrap:anywhere] ${className}`}>{message}</code>;
  return (
    <span className={`break-words ${className}`} title={message}>
      {text}
    </span>
  );
}
