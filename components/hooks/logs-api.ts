// REST calls for Redis log excerpts (docs/api.md "Redis log excerpts").
import type { LogAroundResponse, LogEntry, LogListResponse, LogRawLine } from '@/lib/contracts';
import { aroundQueryString, logQueryString, type LogFilter } from '@/components/logs/log-rows';
import { getJson } from './api-client';

export async function fetchNodeLogs(
  nodeId: string,
  filter: LogFilter,
  limit: number,
  signal?: AbortSignal,
): Promise<LogEntry[]> {
  const body = await getJson<LogListResponse>(
    `/api/logs?${logQueryString(nodeId, filter, limit)}`,
    signal,
  );
  return body.lines;
}

/** Raw lines of `nodes` within ±windowMs of `t`, oldest first. */
export async function fetchLogsAround(
  nodes: readonly string[],
  t: number,
  windowMs: number,
  signal?: AbortSignal,
): Promise<LogRawLine[]> {
  const body = await getJson<LogAroundResponse>(
    `/api/logs/around?${aroundQueryString(nodes, t, windowMs)}`,
    signal,
  );
  return body.lines;
}
