import { NodeIdSchema } from '../../lib/contracts';
import { NetCheckError, type NetCheckService } from '../network/net-check-service';
import { HttpError } from './respond';
import type { Router } from './router';
import { validate } from './validate';

export function netCheckRoutes(router: Router, netChecks: NetCheckService): void {
  // Seed §3.3 from the dashboard's host: DNS → TCP → AUTH → PING → INFO, node and the master it dials.
  // Read-only (PING and INFO), so viewers may run it; a POST because it opens connections.
  router.on('POST', '/api/nodes/:id/netcheck', async ({ params }) => {
    const id = validate(NodeIdSchema, params.id, 'id');
    try {
      return await netChecks.check(id);
    } catch (err) {
      if (err instanceof NetCheckError) throw new HttpError(err.code, err.message);
      throw err;
    }
  });
}
