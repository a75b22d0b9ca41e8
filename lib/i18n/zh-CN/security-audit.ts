// 简体中文：审计密钥、会话与登录限制（键与 en/security-audit.ts 一致，类型保证）。
import type { enSecurityAudit } from '../en/security-audit';

export const zhSecurityAudit: { readonly [K in keyof typeof enSecurityAudit]: string } = {
  'audit.outcome.key_introduced': '启用审计密钥',
  'audit.truncatedAfter': '最新的记录已被删除：哈希链止于 #{id}，而锚点记录的最新条目更晚',
};
