// One structured logger for the whole server; every line passes the shared sanitizer.
import pino from 'pino';
import { redactDeep, redactUrl } from '../lib/redact';

export type Logger = pino.Logger;

/**
 * The root logger's settings, writing to `destination` (stdout by default; a test passes a
 * stream). pino applies `formatters.log` before its serializers, so redactDeep turns an Error
 * into `{ type, message, code, stack }` itself and pino's err serializer is told to keep it.
 */
export function createRootLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => redactDeep(obj) },
      // Already `{ type, message, code, stack }` from redactDeep; pino's own would re-type it `Object`.
      serializers: { err: (err: unknown) => err },
      hooks: {
        logMethod(args, method) {
          // Message strings may carry a URL with credentials (e.g. an ioredis error): clean them too.
          const cleaned = args.map((a) => (typeof a === 'string' ? redactUrl(a) : a));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export const rootLogger: Logger = createRootLogger();

/** A child logger tagged with the module it serves, e.g. `logger('monitor')`. */
export function logger(context: string): Logger {
  return rootLogger.child({ ctx: context });
}
