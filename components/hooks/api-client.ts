// Tiny REST client for the dashboard API; errors keep the server's `{ error: { code, message } }`.
import { z } from 'zod';
import {
  ApiErrorCodeSchema,
  HistoryResponseSchema,
  NodeDetailSchema,
  type HistoryMetric,
  type HistoryPoint,
  type NodeDetail,
} from '@/lib/contracts';
import {
  DEFAULT_LOCALE,
  DICTIONARIES,
  isLocale,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '@/lib/i18n';
import { redirectToLogin } from './login-redirect';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/**
 * A 2xx answer whose body is not what the contract says (a proxy's HTML page, a server of another
 * version): the page shows this message instead of failing on a missing field later.
 */
export class UnexpectedResponseError extends Error {
  readonly path: string;
  constructor(
    url: string,
    /** The first contract violation; null when the body is not JSON at all. */
    readonly detail: string | null,
  ) {
    const path = url.split('?')[0] ?? url;
    super(`Unexpected answer from the server for ${path}: ${detail ?? 'not JSON'}`);
    this.name = 'UnexpectedResponseError';
    this.path = path;
  }
}

/** No answer at all: the server is down, restarting, or the network is in between. */
export class NetworkError extends Error {
  readonly path: string;
  constructor(url: string, cause: unknown) {
    const path = url.split('?')[0] ?? url;
    super(`The dashboard server did not answer (${path}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'NetworkError';
    this.path = path;
  }
}

/** fetch, with "no answer" told apart from a programming error; an abort stays an abort. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new NetworkError(url, err);
  }
}

/** The body of `res`, checked against `schema`. */
async function parseBody<S extends z.ZodType>(
  res: Response,
  url: string,
  schema: S,
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new UnexpectedResponseError(url, null);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new UnexpectedResponseError(url, `${where}${issue?.message ?? 'invalid body'}`);
}

/**
 * An error body, read loosely: a code this client does not know yet still brings its message
 * (the closed list is `ApiErrorCodeSchema`).
 */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

async function throwIfFailed(res: Response): Promise<void> {
  if (!res.ok) {
    let code = 'internal';
    let message = `HTTP ${res.status}`;
    try {
      const body = ErrorBodySchema.safeParse(await res.json());
      if (body.success) ({ code, message } = body.data.error);
    } catch {
      // not JSON: keep the status line
    }
    // With auth on, a 401 means the session ended (logout elsewhere, expiry): log in again.
    if (res.status === 401) redirectToLogin();
    throw new ApiRequestError(res.status, code, message);
  }
}

/** GET `url`, its body checked against `schema`. */
export async function fetchParsed<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const res = await send(url, {
    signal,
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  await throwIfFailed(res);
  return parseBody(res, url, schema);
}

/** Mutations carry the custom header the server requires (a cheap CSRF guard) and a JSON body. */
async function mutate(
  method: 'POST' | 'DELETE',
  url: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  const res = await send(url, {
    method,
    signal,
    headers: {
      accept: 'application/json',
      'X-ReplicaOps-Request': '1',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  await throwIfFailed(res);
  return res;
}

/** POST `body` as JSON; the answer checked against `schema`. */
export async function postParsed<S extends z.ZodType>(
  url: string,
  body: unknown,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return parseBody(await mutate('POST', url, body, signal), url, schema);
}

/** DELETE; the answer checked against `schema`. */
export async function deleteParsed<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return parseBody(await mutate('DELETE', url, undefined, signal), url, schema);
}

const nodePath = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;

export function fetchNodeDetail(id: string, signal?: AbortSignal): Promise<NodeDetail> {
  return fetchParsed(nodePath(id), NodeDetailSchema, signal);
}

export async function fetchHistory(
  id: string,
  metric: HistoryMetric,
  sinceMs: number,
  signal?: AbortSignal,
): Promise<HistoryPoint[]> {
  const qs = new URLSearchParams({ metric, sinceMs: String(Math.floor(sinceMs)) });
  const body = await fetchParsed(`${nodePath(id)}/history?${qs}`, HistoryResponseSchema, signal);
  return body.points;
}

/** Removes a node that is gone for good from the tree (operator role; 409 while it answers). */
export function removeNode(id: string): Promise<{ removed: string }> {
  return deleteParsed(nodePath(id), z.object({ removed: z.string() }));
}

/** The page's language outside React (the i18n provider keeps `<html lang>` current). */
function pageLocale(): Locale {
  const lang = typeof document === 'undefined' ? undefined : document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/**
 * What to show for a failed call, in the page's language where the browser made the error up;
 * a server error (ApiRequestError) is named by its code in the page's language, followed by the
 * server's own message (English pages show the message alone, as before).
 */
export function errorMessage(err: unknown): string {
  const locale = pageLocale();
  const t = (key: MessageKey, params?: MessageParams) => translate(DICTIONARIES[locale], key, params, locale);
  if (err instanceof UnexpectedResponseError)
    return t('api.unexpectedAnswer', { path: err.path, detail: err.detail ?? t('api.notJson') });
  if (err instanceof NetworkError) return t('api.network', { path: err.path });
  if (err instanceof ApiRequestError) {
    const code = ApiErrorCodeSchema.safeParse(err.code);
    return code.success ? t(`apiError.${code.data}`, { message: err.message }) : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
