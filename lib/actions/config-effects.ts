// The risk model of config.apply: what each setting would do to THIS node, computed from its
// live INFO and CONFIG, never from the setting's name alone. Pure: the builder gathers the state.
// Levels: safe; destructive (admin, reason, typed node id); forceable (refused unless `force`,
// then destructive); refused (never, whatever the role).
import type { ActionEffect } from '../contracts';
import { bi, type ConfigState, type Draft } from './config-effect-kit';
import { memoryEffect, outputBufferEffect } from './config-effects-memory';
import {
  backlogEffect,
  minReplicasEffect,
  persistenceEffect,
  timeoutEffect,
} from './config-effects-repl';
import { APPLICABLE_CONFIG, SECRET_CONFIG } from './config-values';

export type { ConfigState } from './config-effect-kit';

/** Settings whose current value the evaluation needs besides the ones being set. */
export const CONTEXT_SETTINGS = [
  'maxmemory',
  'maxmemory-policy',
  'replica-ignore-maxmemory',
  'save',
  'appendonly',
  'min-replicas-to-write',
  'min-replicas-max-lag',
  'repl-ping-replica-period',
  'repl-timeout',
  'repl-backlog-size',
] as const;

function oneEffect(name: string, value: string, s: Record<string, string>, st: ConfigState): Draft {
  if (SECRET_CONFIG.has(name))
    return {
      code: 'config_names',
      level: 'refused',
      text: bi(
        `${name}: secrets are never typed into the dashboard; replica.reattach sets masterauth from the server's credentials`,
        `${name}：密码类配置不能在面板中输入`,
      ),
    };
  if (!APPLICABLE_CONFIG.has(name))
    return {
      code: 'config_names',
      level: 'refused',
      text: bi(
        `${name}: not a replication setting this action manages`,
        `${name}：不是本操作管理的复制配置`,
      ),
    };
  switch (name) {
    case 'maxmemory':
    case 'maxmemory-policy':
      return memoryEffect(s, st) ?? safe(name, value);
    case 'client-output-buffer-limit':
      return outputBufferEffect(value, st);
    case 'save':
    case 'appendonly':
      return persistenceEffect(s, st);
    case 'min-replicas-to-write':
    case 'min-replicas-max-lag':
      return minReplicasEffect(s, st);
    case 'repl-backlog-size':
      return backlogEffect(value, st);
    case 'repl-timeout':
    case 'repl-ping-replica-period':
      return timeoutEffect(s, st);
    case 'replica-read-only':
      return value.trim().toLowerCase() === 'no'
        ? {
            code: 'replica_writable',
            level: 'destructive',
            text: bi(
              'A writable replica takes writes its master never sees; the next full sync silently discards them, and a client that writes there by mistake diverges the data.',
              '可写从节点接受主节点看不到的写入；下次全量同步会悄悄丢弃它们，误写的客户端会造成数据不一致。',
            ),
          }
        : safe(name, value);
    default:
      return safe(name, value);
  }
}

function safe(name: string, value: string): Draft {
  return {
    code: 'no_data_effect',
    level: 'safe',
    text: bi(
      `${name} ${value}: takes effect at once; no data is removed and no link is cut.`,
      `${name} ${value}：立即生效；不会删除数据，也不会断开链路。`,
    ),
  };
}

/** One effect per setting; `force` turns a forceable data loss into a (destructive) allowed one. */
export function evaluateConfig(
  settings: Record<string, string>,
  st: ConfigState,
  force: boolean,
): ActionEffect[] {
  return Object.entries(settings).map(([name, value]) => {
    const d = oneEffect(name, value, settings, st);
    const level: ActionEffect['level'] =
      d.level === 'forceable' ? (force ? 'destructive' : 'refused') : d.level;
    const forcedNote =
      d.level === 'forceable'
        ? force
          ? bi(
              ' Forced: admin, a reason and the node id typed are required.',
              ' 已强制：需要管理员、填写原因并输入节点 ID。',
            )
          : bi(
              ' Refused: set force (admin only) to accept this.',
              ' 已拒绝：如确需如此，请设置 force（仅管理员）。',
            )
        : bi('', '');
    return {
      setting: name,
      value,
      code: d.code,
      level,
      text: { en: d.text.en + forcedNote.en, zh: d.text.zh + forcedNote.zh },
      ...(d.level === 'forceable' ? { forced: force } : {}),
      ...(d.evictKeys !== undefined ? { evictKeys: d.evictKeys } : {}),
      ...(d.evictBytes !== undefined ? { evictBytes: d.evictBytes } : {}),
    };
  });
}
