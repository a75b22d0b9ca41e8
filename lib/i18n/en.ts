// English dictionary: the reference. Every other locale must have exactly these keys.
// Flat dotted keys keep lookups typed (`MessageKey`) without nested-path helpers; the strings
// live in one file per area under ./en/.
import { enCore } from './en/core';
import { enIncidents } from './en/incidents';
import { enActions } from './en/actions';
import { enOps } from './en/ops';
import { enOther } from './en/other';
import { enActionsGuard } from './en/actions-guard';
import { enSecurityAudit } from './en/security-audit';
import { enCluster } from './en/cluster';
import { enTruth } from './en/truth';
import { enSentinel } from './en/sentinel';
import { enSentinelActions } from './en/sentinel-actions';
import { enReports } from './en/reports';
import { enUi } from './en/ui';
import { enScale } from './en/scale';
import { enFindingsPages } from './en/findings-pages';
import { enReportWords } from './en/report-words';
import { enClientErrors } from './en/client-errors';
import { enServerTexts } from './en/server-texts';

export const en = {
  ...enCore,
  ...enIncidents,
  ...enActions,
  ...enOps,
  ...enOther,
  ...enSecurityAudit,
  ...enActionsGuard,
  ...enCluster,
  ...enTruth,
  ...enSentinel,
  ...enSentinelActions,
  ...enReports,
  ...enUi,
  ...enScale,
  ...enFindingsPages,
  ...enReportWords,
  ...enClientErrors,
  ...enServerTexts,
};

export type MessageKey = keyof typeof en;
/** Shape every locale must fill: same keys, string values. */
export type Dictionary = { readonly [K in MessageKey]: string };
