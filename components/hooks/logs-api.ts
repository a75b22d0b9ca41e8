// REST calls for Redis log excerpts (docs/api.md "Redis log excerpts").
import {
  LogAroundResponseSchema,
  LogListResponseSchema,
  type LogEntry,
  type LogRawLine,
} from '@/lib/contracts';
import { aroundQueryString, logQueryString, type LogFilter } from '@/components/logs/log-rows';
import { fetchParsed } from './api-client';

export async function fetchNodeLogs(
  nodeId: string,
  filter: LogFilter,
  limit: number,
  signal?: AbortSignal,
): Promise<LogEntry[]> {
  const body = await fetchParsed(
    `/api/logs?${logQueryString(nodeId, filter, limit)}`,
    LogListResponseSchema,
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
  const body = await fetchParsed(
    `/api/logs/around?${aroundQueryString(nodes, t, windowMs)}`,
    LogAroundResponseSchema,
    signal,
  );
  return body.lines;
}
