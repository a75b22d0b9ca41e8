// Every diagnosis rule, in the order their findings read best when severities tie.
import type { Rule } from '../rule-kit';
import { backlogTooSmall } from './backlog-too-small';
import { CLUSTER_RULES } from './cluster-rules';
import { configRisk } from './config-risk';
import { fullResyncStorm } from './full-resync-storm';
import { linkDown } from './link-down';
import { masterNoPersistence } from './master-no-persistence';
import { memoryPressure } from './memory-pressure';
import { nodeUnreachable } from './node-unreachable';
import { outputBufferLimit } from './output-buffer-limit';
import { persistenceFailing } from './persistence-failing';
import { replicaWiped } from './replica-wiped';
import { replicaWritable } from './replica-writable';
import { replicationCycle } from './replication-cycle';
import { replicationLag } from './replication-lag';
import { roleChanged } from './role-changed';
import { splitBrain } from './split-brain';
import { syncStuck } from './sync-stuck';
import { SENTINEL_RULES } from './sentinel';

export const RULES: ReadonlyArray<readonly [name: string, rule: Rule]> = [
  ['node_unreachable', nodeUnreachable],
  ['link_down', linkDown],
  ['replication_cycle', replicationCycle],
  ['split_brain', splitBrain],
  ['replica_wiped', replicaWiped],
  ['full_resync_storm', fullResyncStorm],
  ['sync_stuck', syncStuck],
  ['replication_lag', replicationLag],
  ['persistence_failing', persistenceFailing],
  ['memory_pressure', memoryPressure],
  ['master_no_persistence', masterNoPersistence],
  ['replica_writable', replicaWritable],
  ['output_buffer_limit', outputBufferLimit],
  ['backlog_too_small', backlogTooSmall],
  ['role_changed', roleChanged],
  ['config_risk', configRisk],
  ...CLUSTER_RULES,
  ...SENTINEL_RULES,
];
