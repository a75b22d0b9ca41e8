// Turns a POST /api/logs/ingest body into lines per node. Accepts what log shippers send without
// a plugin of ours: NDJSON or plain text (Vector `codec: json` + newline framing, Fluent Bit
// `format json_lines`, curl), or a JSON array (Vector `codec: json` + array, Fluent Bit `format json`).
import { NodeIdSchema } from '../../lib/contracts';

/** The whole body is unusable (not JSON, wrong content type): answer 400 with this message. */
export class IngestFormatError extends Error {
  override name = 'IngestFormatError';
}

export interface ParsedIngest {
  byNode: Map<string, string[]>;
  accepted: number;
  rejected: number;
  /** The first few reasons, "record 3: …", for the answer and the 400 message. */
  errors: string[];
}

const MAX_ERRORS = 5;
// Shippers name the text field differently: Fluent Bit `log`, Vector/Filebeat `message`.
const TEXT_FIELDS = ['line', 'message', 'log'] as const;
const LINE_MODE_TYPES = /^(application\/(x-)?ndjson|application\/(x-)?jsonl(ines)?|application\/json-lines|text\/plain)$/;

const isNodeId = (v: string): boolean => NodeIdSchema.safeParse(v).success;

export function parseIngestBody(text: string, contentType: string, defaultNode?: string): ParsedIngest {
  const out: ParsedIngest = { byNode: new Map(), accepted: 0, rejected: 0, errors: [] };
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new IngestFormatError('body is not valid JSON');
    }
    const records = Array.isArray(value) ? value : [value];
    records.forEach((rec, i) => addRecord(out, rec, `record ${i + 1}`, defaultNode));
    return out;
  }
  if (type !== '' && !LINE_MODE_TYPES.test(type)) {
    throw new IngestFormatError(
      `unsupported Content-Type ${type}: send application/json (an array), application/x-ndjson or text/plain`,
    );
  }
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    const where = `line ${i + 1}`;
    // A Redis log line never starts with `{`; a shipper's JSON record always does.
    if (line.trimStart().startsWith('{')) {
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        return reject(out, `${where}: starts with { but is not valid JSON`);
      }
      return addRecord(out, rec, where, defaultNode);
    }
    if (!defaultNode) return reject(out, `${where}: a raw log line needs ?node=host:port on the URL`);
    push(out, defaultNode, line);
  });
  return out;
}

function addRecord(out: ParsedIngest, rec: unknown, where: string, defaultNode?: string): void {
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
    return reject(out, `${where}: expected an object like { "node": "host:port", "line": "…" }`);
  }
  const r = rec as Record<string, unknown>;
  const field = TEXT_FIELDS.find((f) => typeof r[f] === 'string');
  if (!field) return reject(out, `${where}: no text field (line, message or log)`);
  const node = nodeOf(r, defaultNode);
  if (typeof node !== 'string') return reject(out, `${where}: ${node.error}`);
  // Multi-line records (a shipper that did not split) become several lines; a trailing newline none.
  const text = (r[field] as string).replace(/\r?\n$/, '');
  for (const line of text.split('\n')) if (line.trim()) push(out, node, line);
}

function nodeOf(r: Record<string, unknown>, defaultNode?: string): string | { error: string } {
  if (r.node !== undefined) {
    return typeof r.node === 'string' && isNodeId(r.node)
      ? r.node
      : { error: `node ${JSON.stringify(r.node).slice(0, 60)} is not host:port` };
  }
  if (typeof r.host === 'string') {
    const port = typeof r.port === 'number' || typeof r.port === 'string' ? String(r.port) : undefined;
    // An IPv6 host with a separate port field needs brackets to make a node id.
    const host = port !== undefined && r.host.includes(':') && !r.host.startsWith('[') ? `[${r.host}]` : r.host;
    const id = port !== undefined ? `${host}:${port}` : host;
    if (isNodeId(id)) return id;
    // Vector/Filebeat put the machine's hostname in `host`, without the Redis port.
    if (port === undefined && defaultNode) return defaultNode;
    return { error: `host ${JSON.stringify(r.host).slice(0, 60)} needs a port (host:port, a port field, or ?node=)` };
  }
  if (defaultNode) return defaultNode;
  return { error: 'no node: give "node": "host:port", host + port, or ?node=host:port' };
}

function push(out: ParsedIngest, node: string, line: string): void {
  let lines = out.byNode.get(node);
  if (!lines) out.byNode.set(node, (lines = []));
  lines.push(line);
  out.accepted += 1;
}

function reject(out: ParsedIngest, message: string): void {
  out.rejected += 1;
  if (out.errors.length < MAX_ERRORS) out.errors.push(message);
}
