// English strings of the action guards: the computed effect of each setting, plan audit rows.
export const enActionsGuard = {
  'audit.outcome.planned': 'Planned',
  'actions.effects': 'What each setting would do to this node',
  'actions.effect.safe': 'Safe',
  'actions.effect.destructive': 'Destructive',
  'actions.effect.refused': 'Refused',
  'actions.effect.evicts': 'Would evict about {keys} keys ({bytes})',
} as const;
