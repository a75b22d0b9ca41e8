// English strings: the keyed audit chain, sessions and login limits.
export const enSecurityAudit = {
  'audit.outcome.key_introduced': 'Audit key introduced',
} as const;
