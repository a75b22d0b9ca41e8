// REST for guarded actions and the audit trail. Role checks: the router's minimum here, the
// plan's own confirmation (operator or admin) inside the service.
import {
  ActionExecuteBodySchema,
  ActionPlanIdSchema,
  ActionPlanRequestSchema,
  ActionRunIdSchema,
  ActionRunListQuerySchema,
  AuditListQuerySchema,
} from '../../lib/contracts';
import { ActionError, type ActionService } from '../actions/action-service';
import { readJson } from './body';
import { HttpError } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

async function guard<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ActionError) throw new HttpError(err.code, err.message);
    throw err;
  }
}

export function actionRoutes(router: Router, actions: ActionService): void {
  // The catalog: params schema, destructive flag, required role, bilingual text per action.
  router.on('GET', '/api/actions', () => actions.catalog());

  // A plan with live preflight; a failed check is `allowed: false`, not an error. The service asks
  // the role that may run the action and keeps the target inside the topology (404 before any
  // connection), and audits refusals too, so the route itself is open to every signed-in role.
  router.on('POST', '/api/actions/plan', async ({ req, identity }) => {
    const body = validate(ActionPlanRequestSchema, await readJson(req), 'body');
    return guard(() => actions.plan(body, identity));
  });

  // One plan (the approval screen of the second admin reads it).
  router.on('GET', '/api/actions/plans/:id', ({ params }) => {
    const plan = actions.getPlan(validate(ActionPlanIdSchema, params.id, 'id'));
    if (!plan) throw new HttpError('not_found', `plan ${params.id} does not exist`);
    return plan;
  });

  // A second admin approves a plan of an action listed in auth.approval.
  router.on(
    'POST',
    '/api/actions/plans/:id/approve',
    ({ params, identity }) =>
      guard(() => actions.approve(validate(ActionPlanIdSchema, params.id, 'id'), identity)),
    { role: 'admin' },
  );

  // Run a confirmed plan; answers at once with the run id, progress follows over socket.io.
  router.on(
    'POST',
    '/api/actions/plans/:id/execute',
    async ({ params, req, identity }) => {
      const id = validate(ActionPlanIdSchema, params.id, 'id');
      const body = validate(ActionExecuteBodySchema, await readJson(req), 'body');
      return guard(() => actions.execute(id, body, identity));
    },
    { role: 'operator' },
  );

  // Recent runs, newest first.
  router.on('GET', '/api/actions/runs', ({ url }) => {
    const q = validate(ActionRunListQuerySchema, queryObject(url), 'query');
    return { runs: actions.runs(q.limit) };
  });

  // One run with its steps, verification and the state each node was left in.
  router.on('GET', '/api/actions/runs/:id', ({ params }) => {
    const run = actions.run(validate(ActionRunIdSchema, params.id, 'id'));
    if (!run) throw new HttpError('not_found', `run ${params.id} does not exist`);
    return run;
  });

  // The audit trail, newest first; `before` pages by entry id.
  router.on('GET', '/api/audit', ({ url }) => {
    const q = validate(AuditListQuerySchema, queryObject(url), 'query');
    return { entries: actions.audit.list(q.limit, q.before) };
  });

  // Recomputes the hash chain: an edited or missing entry is named by its id.
  router.on('GET', '/api/audit/verify', () => actions.audit.verify());
}
