// The Sentinel rules, registered in one line of index.ts (kinds in the order they read best).
import type { Rule } from '../rule-kit';
import { sentinelAgreement } from './sentinel-agreement';
import { sentinelFailover } from './sentinel-failover';
import { sentinelQuorumLost, sentinelTilt } from './sentinel-quorum';
import { sentinelRisk } from './sentinel-risk';

export const SENTINEL_RULES: ReadonlyArray<readonly [name: string, rule: Rule]> = [
  ['sentinel_quorum_lost', sentinelQuorumLost],
  ['failover_failed', sentinelFailover],
  ['sentinel_disagreement', sentinelAgreement],
  ['sentinel_tilt', sentinelTilt],
  ['split_brain_unguarded', sentinelRisk],
];
