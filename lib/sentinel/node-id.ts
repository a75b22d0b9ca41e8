// `host:port` as the rest of the dashboard writes node ids (IPv6 hosts in brackets). Pure.
export function nodeIdOf(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}
