// What the server saw while probing one address: the input of the network-check verdict.

export interface ProbeFailure {
  ok: false;
  /** ENOTFOUND, ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, NOAUTH, WRONGPASS, DENIED, LOADING, … */
  code: string;
  message: string;
  ms: number | null;
}

/** What the server saw, step by step; a step left undefined was not reached. */
export interface ProbeOutcome {
  host: string;
  port: number;
  dns: { ok: true; ms: number; addresses: string[] } | { ok: true; literal: true } | ProbeFailure;
  tcp?: { ok: true; ms: number } | ProbeFailure;
  /** `verified: false`: no password configured here and PING failed, so not known. */
  auth?:
    { ok: true; ms: number; required: boolean; user?: string; verified?: boolean } | ProbeFailure;
  ping?: { ok: true; samplesMs: number[] } | ProbeFailure;
  redis?:
    | {
        ok: true;
        role: string;
        version?: string;
        masterHost?: string;
        masterPort?: number;
        linkStatus?: string;
      }
    | ProbeFailure;
}
