// English strings of Sentinel's own settings and reset, from the group frame.
export const enSentinelActions = {
  'sentinel.actions.change': 'Change Sentinel settings',
  'sentinel.actions.reset': 'Reset Sentinel state',
  'sentinel.actions.plan': 'Plan the change',
  'sentinel.actions.cancel': 'Cancel',
  'sentinel.actions.unchanged': 'Change at least one value',
  'sentinel.actions.help': 'SENTINEL SET on every Sentinel of {name}; the plan shows each value’s effect before anything runs.',
  'sentinel.setting.quorum': 'quorum',
  'sentinel.setting.down-after-milliseconds': 'down-after-milliseconds',
  'sentinel.setting.failover-timeout': 'failover-timeout',
  'sentinel.setting.parallel-syncs': 'parallel-syncs',
};
