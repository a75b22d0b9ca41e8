// The action catalog: what each guarded action does, whether it can destroy data, who may run
// it. The dialog renders its form from `paramsSchema`.
import { z } from 'zod';
import {
  ACTION_PARAMS_SCHEMAS,
  type ActionCatalogEntry,
  type ActionId,
  type Bilingual,
} from '../contracts';
import { CLUSTER_ACTION_META } from './catalog-cluster';
import { SENTINEL_ACTION_META } from './catalog-sentinel';

export interface ActionMeta {
  title: Bilingual;
  description: Bilingual;
  destructive: boolean;
}

export const ACTION_META: Record<ActionId, ActionMeta> = {
  'replica.reattach': {
    title: { en: 'Re-attach replica', zh: '重新挂载从节点' },
    description: {
      en: 'Point a replica (or a detached node) at an upstream with REPLICAOF host port, setting masterauth from the dashboard’s own credentials when the upstream needs it. A node that is a master with data loses that data when the full sync loads.',
      zh: '用 REPLICAOF host port 把从节点（或已脱离的节点）指向上游；上游需要密码时，用面板自身保存的凭据设置 masterauth。若目标当前是带数据的主节点，全量同步加载时会丢弃这些数据。',
    },
    destructive: false,
  },
  'replica.reconnect': {
    title: { en: 'Reconnect replica', zh: '重连从节点' },
    description: {
      en: 'Drop the replica’s link with CLIENT KILL TYPE master; it reconnects at once and resyncs partially when the backlog still covers the gap.',
      zh: '用 CLIENT KILL TYPE master 断开从节点的复制连接；它会立即重连，若积压缓冲区仍覆盖缺口则为增量同步。',
    },
    destructive: false,
  },
  'replica.resync': {
    title: { en: 'Force a full resync', zh: '强制全量同步' },
    description: {
      en: 'REPLICAOF NO ONE then REPLICAOF host port on the replica, in one MULTI/EXEC so no client write can land in between. This really forces a full sync (new replication ID). No FLUSHALL: a read-only replica refuses it, and the sync replaces the data anyway.',
      zh: '在从节点上用一个 MULTI/EXEC 依次执行 REPLICAOF NO ONE 和 REPLICAOF host port，中间不会插入任何客户端写入。这样必然触发全量同步（复制 ID 已更换）。不使用 FLUSHALL：只读从节点会拒绝它，而全量同步本来就会替换数据。',
    },
    destructive: true,
  },
  'replica.promote': {
    title: { en: 'Promote replica', zh: '提升从节点' },
    description: {
      en: 'Make a replica the master: FAILOVER TO it when its master is up and runs Redis ≥ 6.2 (no data loss: the master waits for it to catch up); otherwise REPLICAOF NO ONE on it, optionally re-point its siblings and demote a reachable old master under it.',
      zh: '把从节点提升为主节点：若其主节点在线且 Redis ≥ 6.2，则用 FAILOVER TO（主节点会等待它追平，不丢数据）；否则对它执行 REPLICAOF NO ONE，可选地把兄弟从节点指向它，并把仍可达的旧主节点降级为它的从节点。',
    },
    destructive: true,
  },
  'config.apply': {
    title: { en: 'Apply settings', zh: '应用配置' },
    description: {
      en: 'CONFIG SET the recommended replication settings, optionally CONFIG REWRITE; the old values are kept for a one-click revert.',
      zh: '用 CONFIG SET 应用推荐的复制配置，可选 CONFIG REWRITE；旧值会被保存，可一键回滚。',
    },
    destructive: false,
  },
  'config.revert': {
    title: { en: 'Revert settings', zh: '回滚配置' },
    description: {
      en: 'Set back the values a config.apply run replaced (and rewrite the file if that run did).',
      zh: '恢复某次 config.apply 所替换的旧值（若该次运行写回了配置文件，也会再次写回）。',
    },
    destructive: false,
  },
  ...CLUSTER_ACTION_META,
  ...SENTINEL_ACTION_META,
};

export function isActionId(id: string): id is ActionId {
  return id in ACTION_META;
}

export function actionCatalog(approval: readonly string[]): ActionCatalogEntry[] {
  return Object.keys(ACTION_META).filter(isActionId).map((id) => {
    const meta = ACTION_META[id];
    return {
      id,
      ...meta,
      role: meta.destructive ? 'admin' : 'operator',
      approvalRequired: approval.includes(id),
      paramsSchema: z.toJSONSchema(ACTION_PARAMS_SCHEMAS[id]),
    };
  });
}
