// A finding's identity across poll cycles: kind + subject (+ variant). The one place keys are
// built — rules, external candidates (consistency checks, canaries), the tracker and the incident
// store all use it, so a key persisted in SQLite names the same finding after a restart.
import type { FindingKind } from '../contracts';

declare const brand: unique symbol;
/** `kind[:variant]:subject`, e.g. `link_down:127.0.0.1:7002`, `config_risk:tcp_keepalive:topology`. */
export type FindingKey = string & { readonly [brand]: 'FindingKey' };

export interface FindingSubject {
  kind: FindingKind;
  /** The node (or several, for split brain / cycles) the finding is about; `topology` for all. */
  subject: string | readonly string[];
  /** Distinguishes several findings of one kind on one subject (a config_risk rule, a canary). */
  variant?: string;
}

/** Several nodes join with `|` in the order given (callers sort when order carries no meaning). */
export function findingKey({ kind, subject, variant }: FindingSubject): FindingKey {
  const s = typeof subject === 'string' ? subject : subject.join('|');
  // The brand is the one cast: every key in the product comes out of this function.
  return [kind, variant, s].filter((x) => x !== undefined && x !== '').join(':') as FindingKey;
}

/** The subject used for advice that holds across the whole topology (one finding, many nodes). */
export const TOPOLOGY_SUBJECT = 'topology';

/** A key read back from storage: accepted when it starts with a known kind. */
export function parseFindingKey(raw: string, kinds: readonly string[]): FindingKey | null {
  const kind = raw.split(':', 1)[0] ?? '';
  // Branded once checked: a known kind and a subject after it.
  return kinds.includes(kind) && raw.length > kind.length + 1 ? (raw as FindingKey) : null;
}
