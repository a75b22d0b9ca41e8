// The topology is the perimeter: a node id from a request is only ever turned into the
// topology's OWN id for that node, never dialled as the caller spelled it. Spellings are
// normalised (full-width digits, case, a trailing dot, IPv4 shorthands, IPv6 forms) only to
// find the node; anything that is not a node of the current topology resolves to null.
const PLAIN_HOST = /^[A-Za-z0-9._-]+$/;
const BRACKETED_V6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** `host:port` in one comparable form, or null when it is not a plain address. */
export function normaliseNodeAddress(raw: string): string | null {
  const s = raw.normalize('NFKC').trim();
  const m = /^(.+):(\d{1,5})$/.exec(s);
  if (!m) return null;
  const [, hostPart = '', portText = ''] = m;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return null;
  // No user-info, paths or escapes: `evil@127.0.0.1` is not an address of ours.
  if (!PLAIN_HOST.test(hostPart) && !BRACKETED_V6.test(hostPart)) return null;
  let host: string;
  try {
    // WHATWG host parsing: 127.1 and 0x7f.0.0.1 → 127.0.0.1, [::FFFF:7F00:1] → [::ffff:7f00:1].
    host = new URL(`http://${hostPart}/`).hostname;
  } catch {
    return null;
  }
  return `${host.replace(/\.$/, '')}:${port}`;
}

/**
 * The topology's id of the node `raw` names (an alias such as a fault proxy resolves to the
 * node it stands for), or null when no node of the topology answers to it.
 */
export function resolveTopologyNode(
  topology: { nodes: ReadonlyArray<{ id: string }> },
  canonical: (id: string) => string,
  raw: string,
): string | null {
  const ids = topology.nodes.map((n) => n.id);
  const direct = canonical(raw);
  if (ids.includes(direct)) return direct;
  const want = normaliseNodeAddress(raw);
  if (!want) return null;
  const aliased = canonical(want);
  if (ids.includes(aliased)) return aliased;
  return ids.find((id) => normaliseNodeAddress(id) === want) ?? null;
}
