import {
  FindingListQuerySchema,
  IncidentListQuerySchema,
  IncidentNoteBodySchema,
  IncidentTransitionBodySchema,
} from '../../lib/contracts';
import { renderPostmortem } from '../../lib/incidents/postmortem';
import type { Identity } from '../auth/identity';
import type { IncidentService } from '../incidents/incident-service';
import { readJson } from './body';
import { HttpError } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

const ID = /^[a-zA-Z0-9_-]{1,64}$/;

function incidentId(raw: string | undefined): string {
  if (!raw || !ID.test(raw)) throw new HttpError('bad_request', 'id: expected an incident id like inc-…');
  return raw;
}

/** With auth on, the session's user is the actor; with auth off, the name the operator typed. */
function actorOf(identity: Identity, typed: string | undefined): string {
  return identity.via === 'none' ? (typed ?? 'operator') : identity.username;
}

export function incidentRoutes(router: Router, incidents: IncidentService): void {
  // Findings (open by default), newest first.
  router.on('GET', '/api/findings', ({ url }) => {
    const q = validate(FindingListQuerySchema, queryObject(url), 'query');
    return { findings: incidents.findings(q.state, q.limit) };
  });

  // The global health light: green / yellow / red by open findings (seed §5.1).
  router.on('GET', '/api/health', () => incidents.health());

  // Incident list with filters.
  router.on('GET', '/api/incidents', ({ url }) => {
    const q = validate(IncidentListQuerySchema, queryObject(url), 'query');
    return { incidents: incidents.list(q) };
  });

  // One incident with its timeline and findings.
  router.on('GET', '/api/incidents/:id', ({ params }) => {
    const detail = incidents.detail(incidentId(params.id));
    if (!detail) throw new HttpError('not_found', `incident ${params.id} does not exist`);
    return detail;
  });

  // The Markdown postmortem, as a download.
  router.on('GET', '/api/incidents/:id/postmortem', ({ params, res }) => {
    const detail = incidents.detail(incidentId(params.id));
    if (!detail) throw new HttpError('not_found', `incident ${params.id} does not exist`);
    res.writeHead(200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="postmortem-${detail.id}.md"`,
      'cache-control': 'no-store',
    });
    res.end(renderPostmortem(detail));
  });

  // An operator takes the incident.
  router.on('POST', '/api/incidents/:id/acknowledge', async ({ params, req, identity }) => {
    const body = validate(IncidentTransitionBodySchema, await readJson(req), 'body');
    const r = incidents.acknowledge(incidentId(params.id), actorOf(identity, body.actor));
    if (r === 'not_found') throw new HttpError('not_found', `incident ${params.id} does not exist`);
    if (r === 'resolved') throw new HttpError('conflict', 'the incident is already resolved');
    return r;
  }, { role: 'operator' });

  // An operator closes the incident.
  router.on('POST', '/api/incidents/:id/resolve', async ({ params, req, identity }) => {
    const body = validate(IncidentTransitionBodySchema, await readJson(req), 'body');
    const r = incidents.resolve(incidentId(params.id), actorOf(identity, body.actor));
    if (r === 'not_found') throw new HttpError('not_found', `incident ${params.id} does not exist`);
    return r;
  }, { role: 'operator' });

  // A note on the timeline.
  router.on('POST', '/api/incidents/:id/notes', async ({ params, req, identity }) => {
    const body = validate(IncidentNoteBodySchema, await readJson(req), 'body');
    const r = incidents.addNote(incidentId(params.id), body.text, actorOf(identity, body.actor));
    if (r === 'not_found') throw new HttpError('not_found', `incident ${params.id} does not exist`);
    return r;
  }, { role: 'operator' });
}
