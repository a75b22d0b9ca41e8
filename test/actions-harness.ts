// Integration harness for the action tests: a real sandbox and server (test/helpers/server.ts),
// the action service and its routes, users of each role, and a recorder of every JSON answer
// so a test can prove no Redis password ever left the server.
import type { Redis } from 'ioredis';
import { type ActionService } from '../server/actions/action-service';
import { hashPassword } from '../server/auth/password';
import type { Sandbox, SandboxOptions } from '../server/sandbox';
import { infoSection } from './helpers/redis';
import { startHarness, type Harness } from './helpers/server';

export const USERS = {
  ada: { role: 'admin', password: 'ada-password-1' },
  bob: { role: 'admin', password: 'bob-password-1' },
  olga: { role: 'operator', password: 'olga-password-1' },
  vic: { role: 'viewer', password: 'vic-password-1' },
} as const;
export type UserName = keyof typeof USERS;

/** A run as `GET /api/actions/runs/:id` answers it: the fields the tests read. */
export type Run = {
  state: string;
  error?: string;
  incidentId?: string;
  steps: Array<{ state: string; command: string }>;
  verify: Array<{ check: string; ok: boolean; detail: string }>;
  nodeStates: Array<{ nodeId: string; role?: string }>;
};

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface ActionsHarness {
  h: Harness;
  actions: ActionService;
  /** Every response text the tests received, for the secret scan. */
  responses: string[];
  login(user: UserName): Promise<string>;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts?: { cookie?: string; body?: unknown },
  ): Promise<ApiAnswer<T>>;
  /** Plan, then execute as `user`; returns the plan and the execute answer. */
  planAndRun(
    user: UserName,
    plan: Record<string, unknown>,
    confirm?: { confirm?: string; reason?: string },
  ): Promise<{ plan: Record<string, unknown>; exec: ApiAnswer }>;
  waitRun(runId: string, cookie: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  id(name: string): string;
  client(name: string): Promise<Redis>;
  stop(): Promise<void>;
}

export interface ActionsHarnessOptions {
  sandbox?: SandboxOptions;
  /** More config-file fields, from the sandbox's addresses (e.g. per-node credentials). */
  configFile?: (sandbox: Sandbox) => Record<string, unknown>;
  /** Seed URLs (default: the first node) — two separate trees need one seed each. */
  seeds?: (sandbox: Sandbox) => string[];
  approval?: string[];
  readOnly?: boolean;
}

export async function startActionsHarness(
  opts: ActionsHarnessOptions = {},
): Promise<ActionsHarness> {
  const users = await Promise.all(
    Object.entries(USERS).map(async ([username, u]) => ({
      username,
      role: u.role,
      passwordHash: await hashPassword(u.password, 1024),
    })),
  );
  const h = await startHarness({
    sandbox: opts.sandbox,
    ...(opts.seeds ? { seeds: opts.seeds } : {}),
    configFile: (sb) => ({
      auth: { users, approval: opts.approval ?? [] },
      readOnly: opts.readOnly ?? false,
      ...opts.configFile?.(sb),
    }),
  });
  const actions = h.server.actions;
  const responses: string[] = [];
  const api = async <T = Record<string, unknown>>(
    method: string,
    p: string,
    o: { cookie?: string; body?: unknown } = {},
  ): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { 'x-replicaops-request': '1' };
    if (o.cookie) headers.cookie = o.cookie;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(h.server.url + p, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const cookies = new Map<string, string>();
  const login = async (user: UserName) => {
    const known = cookies.get(user);
    if (known) return known;
    const res = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ username: user, password: USERS[user].password }),
    });
    if (res.status !== 200) throw new Error(`login ${user}: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    cookies.set(user, cookie);
    return cookie;
  };
  const waitRun = async (runId: string, cookie: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await api<Record<string, unknown>>('GET', `/api/actions/runs/${runId}`, { cookie });
      if (r.body.state !== 'running') return r.body;
      if (Date.now() > deadline)
        throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  return {
    h,
    actions,
    responses,
    login,
    api,
    waitRun,
    async planAndRun(user, planBody, confirm = {}) {
      const cookie = await login(user);
      const plan = (await api('POST', '/api/actions/plan', { cookie, body: planBody })).body;
      const exec = await api('POST', `/api/actions/plans/${String(plan.id)}/execute`, {
        cookie,
        body: confirm,
      });
      return { plan, exec };
    },
    id: (name) => h.sandbox.node(name).id,
    client: (name) => h.sandbox.client(name),
    async stop() {
      await actions.stop();
      await h.stop();
    },
  };
}

/** One INFO field of a sandbox node. */
export async function field(
  client: Redis,
  section: string,
  name: string,
): Promise<string | undefined> {
  return (await infoSection(client, section))[name];
}

/** Wait until the monitor has seen every sandbox node (plans read its topology). */
export async function untilDiscovered(a: ActionsHarness, count: number): Promise<void> {
  await a.h.until(
    (t) => t.nodes.filter((n) => n.reachable).length >= count,
    `${count} nodes discovered`,
  );
}
