// How a command is shown in a plan, a run and the audit: exactly what is sent, secrets masked.

/** `CONFIG SET masterauth ***`; arguments with spaces or nothing in them are quoted. */
export function commandText(
  args: readonly string[],
  secretIndexes: readonly number[] = [],
): string {
  return args
    .map((a, i) => {
      if (secretIndexes.includes(i)) return '***';
      return a === '' || /[\s"]/.test(a) ? JSON.stringify(a) : a;
    })
    .join(' ');
}
