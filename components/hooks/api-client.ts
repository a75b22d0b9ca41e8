// Tiny REST client for the dashboard API; errors keep the server's `{ error: { code, message } }`.
import type { HistoryMetric, HistoryPoint, HistoryResponse, NodeDetail } from '@/lib/contracts';
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

async function throwIfFailed(res: Response): Promise<void> {
  if (!res.ok) {
    let code = 'internal';
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // not JSON: keep the status line
    }
    // With auth on, a 401 means the session ended (logout elsewhere, expiry): log in again.
    if (res.status === 401) redirectToLogin();
    throw new ApiRequestError(res.status, code, message);
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    signal,
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  await throwIfFailed(res);
  return (await res.json()) as T;
}

/** Mutations carry the custom header the server requires (a cheap CSRF guard) and a JSON body. */
export async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    signal,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'X-ReplicaOps-Request': '1',
    },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  await throwIfFailed(res);
  return (await res.json()) as T;
}

/** DELETE with the same CSRF header as postJson. */
export async function deleteJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method: 'DELETE',
    signal,
    headers: { accept: 'application/json', 'X-ReplicaOps-Request': '1' },
    cache: 'no-store',
  });
  await throwIfFailed(res);
  return (await res.json()) as T;
}

const nodePath = (id: string) => `/api/nodes/${encodeURIComponent(id)}`;

export function fetchNodeDetail(id: string, signal?: AbortSignal): Promise<NodeDetail> {
  return getJson<NodeDetail>(nodePath(id), signal);
}

export async function fetchHistory(
  id: string,
  metric: HistoryMetric,
  sinceMs: number,
  signal?: AbortSignal,
): Promise<HistoryPoint[]> {
  const qs = new URLSearchParams({ metric, sinceMs: String(Math.floor(sinceMs)) });
  const body = await getJson<HistoryResponse>(`${nodePath(id)}/history?${qs}`, signal);
  return body.points;
}

/** Removes a node that is gone for good from the tree (operator role; 409 while it answers). */
export function removeNode(id: string): Promise<{ removed: string }> {
  return deleteJson<{ removed: string }>(nodePath(id));
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
