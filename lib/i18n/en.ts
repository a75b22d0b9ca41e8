// English dictionary: the reference. Every other locale must have exactly these keys.
// Flat dotted keys keep lookups typed (`MessageKey`) without nested-path helpers; the strings
// live in one file per area under ./en/.
import { enCore } from './en/core';
import { enIncidents } from './en/incidents';
import { enActions } from './en/actions';
import { enOps } from './en/ops';
import { enOther } from './en/other';
import { enSecurityAudit } from './en/security-audit';
import { enScale } from './en/scale';

export const en = {
  ...enCore,
  ...enIncidents,
  ...enActions,
  ...enOps,
  ...enOther,
  ...enSecurityAudit,
  ...enScale,
};

export type MessageKey = keyof typeof en;
/** Shape every locale must fill: same keys, string values. */
export type Dictionary = { readonly [K in MessageKey]: string };
