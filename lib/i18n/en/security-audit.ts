// English strings: the keyed audit chain, sessions and login limits.
export const enSecurityAudit = {
  'audit.outcome.key_introduced': 'Audit key introduced',
  'audit.truncatedAfter':
    'Newest entries removed: the chain ends at #{id}, its anchor names a later entry',
} as const;
