// One structured logger for the whole server; every line passes the shared sanitizer.
import pino from 'pino';
import { redactDeep, redactUrl } from '../lib/redact';

export type Logger = pino.Logger;



export const rootLogger: Logger = pino({
  level: 'info',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { log: (obj) => redactDeep(obj) },
  hooks: {
    logMethod(args, method) {
      // Message strings may carry a URL with credentials (e.g. an ioredis error): clean them too.
      const cleaned = args.map((a) => (typeof a === 'string' ? redactUrl(a) : a));
      method.apply(this, cleaned as Parameters<typeof method>);
    },
  },
});

/** A child logger tagged with the module it serves, e.g. `logger('monitor')`. */
export function logger(context: string): Logger {
  return rootLogger.child({ ctx: context });
}
