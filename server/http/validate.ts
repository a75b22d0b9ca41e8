import type { z } from 'zod';
import { HttpError } from './respond';

/** Parse with zod or answer 400 naming the first bad field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw new HttpError('bad_request', `${field}: ${issue?.message ?? 'invalid'}`);
}

export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
