// A small route table for the JSON API: method + path pattern → handler. Anything it does not
// claim goes to Next. Handlers throw HttpError for a client's mistake; anything else is a 500
// that is logged without the request's secrets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasRole, type Identity, type MinRole } from '../auth/identity';
import { logger } from '../logger';
import { HttpError, sendError, sendJson, type RequestContext } from './respond';

const log = logger('http');

export type Handler = (ctx: RequestContext) => unknown | Promise<unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  role: MinRole;
  path: string;
}

export interface RouteOptions {
  /** Least role allowed; default `viewer`. `public` only for health and login. */
  role?: MinRole;
}

/** Resolves the caller of a request; null = not authenticated. */
export type Identify = (req: IncomingMessage) => Identity | null;

const LOCAL: Identify = () => ({ username: 'local', role: 'admin', via: 'none' });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly identify: Identify = LOCAL) {}

  /** Every registered route, for the security tests that walk them all. */
  list(): Array<{ method: string; path: string; role: MinRole }> {
    return this.routes.map((r) => ({ method: r.method, path: r.path, role: r.role }));
  }

  /** `path` like `/api/nodes/:id/history`; a `:param` matches one URL segment. */
  on(method: string, path: string, handler: Handler, options: RouteOptions = {}): this {
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler, role: options.role ?? 'viewer', path });
    return this;
  }

  /** True when this router answered the request. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matches = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (!matches.length && !url.pathname.startsWith('/api/')) return false;
    const route = matches.find((r) => r.method === req.method);
    const identity = this.identify(req);
    // An anonymous caller learns nothing about which routes exist: 401 comes before 404 and 405.
    if (!identity && route?.role !== 'public') {
      sendError(res, 'unauthorized', 'log in or send Authorization: Bearer <token>');
      return true;
    }
    if (!matches.length) {
      sendError(res, 'not_found', `no API route ${url.pathname}`);
      return true;
    }
    if (!route) {
      res.setHeader('allow', matches.map((r) => r.method).join(', '));
      sendJson(res, 405, { error: { code: 'bad_request', message: `${req.method} is not allowed on ${url.pathname}` } });
      return true;
    }
    if (route.role !== 'public' && !hasRole(identity, route.role)) {
      sendError(res, 'forbidden', `this needs the ${route.role} role; you are ${identity?.role ?? 'anonymous'}`);
      return true;
    }
    // Cookies ride along on cross-site requests; a custom header cannot. Tokens are not ambient.
    if (!SAFE_METHODS.has(req.method ?? 'GET') && identity?.via !== 'token' && req.headers['x-replicaops-request'] !== '1') {
      sendError(res, 'forbidden', 'mutations need the header X-ReplicaOps-Request: 1');
      return true;
    }
    const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
    const params: Record<string, string> = {};
    try {
      route.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(values[i] ?? '');
      });
      const body = await route.handler({ req, res, url, params, identity: identity ?? { username: 'anonymous', role: 'viewer', via: 'none' } });
      if (!res.headersSent) sendJson(res, 200, body);
    } catch (err) {
      if (err instanceof HttpError) sendError(res, err.code, err.message);
      else if (err instanceof URIError) sendError(res, 'bad_request', 'malformed percent-encoding in the path');
      else {
        log.error({ err, path: url.pathname }, 'request failed');
        if (!res.headersSent) sendError(res, 'internal', 'internal error; see the server log');
      }
    }
    return true;
  }
}
