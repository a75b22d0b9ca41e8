import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond';

/** Read a JSON body of at most `limit` bytes; 413 beyond it, 400 when it is not JSON. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (req.headers['content-length'] && Number(req.headers['content-length']) > limit)
    throw new HttpError('payload_too_large', `body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError('payload_too_large', `body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  if (!/json/i.test(type)) throw new HttpError('bad_request', 'send Content-Type: application/json');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError('bad_request', 'body is not valid JSON');
  }
}

/** A mutation from a browser must carry this header: a cross-site form cannot set it. */
export function requireCsrfHeader(headers: Record<string, string | string[] | undefined>): void {
  if (headers['x-replicaops-request'] !== '1')
    throw new HttpError('forbidden', 'mutations need the header X-ReplicaOps-Request: 1');
}
