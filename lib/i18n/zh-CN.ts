// 简体中文词典：键与 en.ts 完全一致（每个分区文件的类型保证不缺不多）。
// 术语跟随原始运维手册：master = 主节点，replica = 从节点。
import type { Dictionary } from './en';
import { zhCore } from './zh-CN/core';
import { zhIncidents } from './zh-CN/incidents';
import { zhActions } from './zh-CN/actions';
import { zhOps } from './zh-CN/ops';
import { zhOther } from './zh-CN/other';
import { zhActionsGuard } from './zh-CN/actions-guard';
import { zhSecurityAudit } from './zh-CN/security-audit';
import { zhCluster } from './zh-CN/cluster';
import { zhTruth } from './zh-CN/truth';
import { zhSentinel } from './zh-CN/sentinel';
import { zhSentinelActions } from './zh-CN/sentinel-actions';
import { zhReports } from './zh-CN/reports';
import { zhUi } from './zh-CN/ui';
import { zhScale } from './zh-CN/scale';
import { zhFindingsPages } from './zh-CN/findings-pages';
import { zhReportWords } from './zh-CN/report-words';
import { zhClientErrors } from './zh-CN/client-errors';
import { zhServerTexts } from './zh-CN/server-texts';

export const zhCN: Dictionary = {
  ...zhCore,
  ...zhIncidents,
  ...zhActions,
  ...zhOps,
  ...zhOther,
  ...zhSecurityAudit,
  ...zhActionsGuard,
  ...zhCluster,
  ...zhTruth,
  ...zhSentinel,
  ...zhSentinelActions,
  ...zhReports,
  ...zhUi,
  ...zhScale,
  ...zhFindingsPages,
  ...zhReportWords,
  ...zhClientErrors,
  ...zhServerTexts,
};
