import {
  CanaryRequestSchema,
  CheckExportQuerySchema,
  CheckIdSchema,
  CheckListQuerySchema,
  CompareRequestSchema,
} from '../../lib/contracts';
import { exportCsv, exportFileName, exportJson } from '../../lib/consistency/export';
import { CheckError, type CheckService } from '../consistency/check-service';
import { readJson } from './body';
import { HttpError, sendJson } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

function start(fn: () => { id: string }): { id: string } {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CheckError) throw new HttpError(err.code, err.message);
    throw err;
  }
}

export function checkRoutes(router: Router, checks: CheckService): void {
  const find = (raw: string | undefined) => {
    const id = validate(CheckIdSchema, raw, 'id');
    const run = checks.get(id);
    if (!run) throw new HttpError('not_found', `check ${id} does not exist (finished runs are kept in memory, a bounded number, until restart)`);
    return run;
  };

  // Start a canary write on the master(s); 202 with the run id, results via GET or check:done.
  // Operators only: it writes to the masters. (CSRF and roles are enforced by the router.)
  router.on(
    'POST',
    '/api/checks/canary',
    async ({ req, res }) => {
      const body = validate(CanaryRequestSchema, await readJson(req), 'body');
      sendJson(res, 202, start(() => checks.startCanary(body)));
    },
    { role: 'operator' },
  );

  // Start a master–replica comparison (sample or full); operators only: it loads both nodes.
  router.on(
    'POST',
    '/api/checks/compare',
    async ({ req, res }) => {
      const body = validate(CompareRequestSchema, await readJson(req), 'body');
      sendJson(res, 202, start(() => checks.startCompare(body)));
    },
    { role: 'operator' },
  );

  // History of check runs, newest first (in memory, bounded).
  router.on('GET', '/api/checks', ({ url }) => {
    const q = validate(CheckListQuerySchema, queryObject(url), 'query');
    return { checks: checks.list(q.limit) };
  });

  // One run with its progress and (partial, while running) report.
  router.on('GET', '/api/checks/:id', ({ params }) => find(params.id));

  // Cancel a running check; what it saw so far stays in its report.
  router.on(
    'DELETE',
    '/api/checks/:id',
    ({ params }) => {
      const run = find(params.id);
      const r = checks.cancel(run.id);
      if (r === 'finished') throw new HttpError('conflict', `check ${run.id} already ended (${run.state})`);
      return { id: run.id, state: 'cancelling' };
    },
    { role: 'operator' },
  );

  // The report as a download.
  router.on('GET', '/api/checks/:id/export', ({ params, url, res }) => {
    const run = find(params.id);
    const { format } = validate(CheckExportQuerySchema, queryObject(url), 'query');
    res.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(run, format)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(format === 'csv' ? exportCsv(run) : exportJson(run));
  });
}
