// A finding's "Fix" button → the plan request it opens. Remedies may name another node than the
// finding's own (`params.nodeId`, e.g. the best promotion candidate); that becomes the target.
import type { ActionPlanRequest, Finding } from '../contracts';
import { isActionId } from './catalog';

export function planRequestFromFinding(finding: Finding): ActionPlanRequest | null {
  const { actionId, params = {} } = finding.remedy;
  if (!actionId || !isActionId(actionId)) return null;
  const { nodeId, ...rest } = params;
  const target = typeof nodeId === 'string' ? nodeId : finding.nodeId;
  if (!target) return null;
  // A replica rejected for its credentials needs masterauth, which config.apply refuses to take
  // from a browser: re-attaching sets it from the server's own credentials for the upstream.
  if (
    actionId === 'config.apply' &&
    !rest.settings &&
    finding.cause === 'auth_failed' &&
    finding.link
  )
    return {
      action: 'replica.reattach',
      target: finding.link.replica,
      params: { upstream: finding.link.upstream },
      findingId: finding.id,
    };
  return { action: actionId, target, params: rest, findingId: finding.id };
}
