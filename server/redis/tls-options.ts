// TLS options for every Redis connection the server opens (polls, checks, network checks,
// repairs): one mapping from the config's `tls`, the CA file read once per path.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { NodeCredentials } from '../config';

const caCache = new Map<string, string>();

function ca(file: string): string {
  let pem = caCache.get(file);
  if (pem === undefined) {
    pem = readFileSync(file, 'utf8');
    caCache.set(file, pem);
  }
  return pem;
}

export function tlsOptions(c: NodeCredentials): ConnectionOptions | undefined {
  if (!c.tls) return undefined;
  if (c.tls === true) return {};
  return {
    ...(c.tls.servername ? { servername: c.tls.servername } : {}),
    rejectUnauthorized: c.tls.rejectUnauthorized,
    ...(c.tls.caFile ? { ca: ca(c.tls.caFile) } : {}),
  };
}
