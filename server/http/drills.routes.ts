import {
  DrillIdSchema,
  DrillListQuerySchema,
  StartDrillBodySchema,
} from '../../lib/contracts/drills';
import { DrillError, NO_SANDBOX_MESSAGE, type DrillService } from '../drills/drill-service';
import { readJson } from './body';
import { HttpError, sendJson } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

function rethrow(err: unknown): never {
  if (err instanceof DrillError) throw new HttpError(err.code, err.message);
  throw err;
}

export function drillRoutes(router: Router, drills: DrillService): void {
  const drillId = (raw: string | undefined) => validate(DrillIdSchema, raw, 'id');

  // The scenarios offered, and whether this server may run them at all (its own sandbox).
  router.on('GET', '/api/drills/scenarios', () => drills.scenarios());

  // Past drills with their scorecards, newest first.
  router.on('GET', '/api/drills', ({ url }) => {
    const q = validate(DrillListQuerySchema, queryObject(url), 'query');
    return { drills: drills.list(q.limit) };
  });

  // Start a drill: 202 with its id; steps follow on drill:progress, the end on drill:finished.
  router.on(
    'POST',
    '/api/drills',
    async ({ req, res, identity }) => {
      // Refuse before reading the body: a server without a sandbox never breaks anything.
      if (!drills.isAvailable) throw new HttpError('conflict', NO_SANDBOX_MESSAGE);
      const body = validate(StartDrillBodySchema, await readJson(req), 'body');
      try {
        sendJson(res, 202, drills.start(body, identity.username));
      } catch (err) {
        rethrow(err);
      }
    },
    { role: 'operator' },
  );

  // One drill, live while it runs.
  router.on('GET', '/api/drills/:id', ({ params }) => {
    const run = drills.get(drillId(params.id));
    if (!run) throw new HttpError('not_found', `drill ${params.id} does not exist`);
    return run;
  });

  // Guided mode: the operator has done their repair; the drill goes on and times recovery.
  router.on(
    'POST',
    '/api/drills/:id/resume',
    ({ params }) => {
      try {
        return drills.resume(drillId(params.id));
      } catch (err) {
        return rethrow(err);
      }
    },
    { role: 'operator' },
  );
}
