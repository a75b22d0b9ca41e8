// The Redis Cluster rules, registered in rules/index.ts as one block.
import type { Rule } from '../rule-kit';
import { epochCollision, nodeFailed } from './cluster-nodes';
import { replicasColocated, shardWithoutReplica, unevenReplicas } from './cluster-shards';
import { clusterStateFail } from './cluster-state';
import { replicaCannotFailover } from './cluster-validity';

export const CLUSTER_RULES: ReadonlyArray<readonly [name: string, rule: Rule]> = [
  ['cluster_state_fail', clusterStateFail],
  ['node_failed', nodeFailed],
  ['replica_cannot_failover', replicaCannotFailover],
  ['shard_without_replica', shardWithoutReplica],
  ['uneven_replicas', unevenReplicas],
  ['replicas_colocated', replicasColocated],
  ['epoch_collision', epochCollision],
];
