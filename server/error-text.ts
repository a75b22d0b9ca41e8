// A thrown value as text for logs and answers: an Error's message, or the value itself.
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
