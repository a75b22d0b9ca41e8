// SQLite rows are data from outside the type system: parsed with a schema, never cast.
import { z } from 'zod';

/** Every row of an `.all()` answer, parsed; a row that does not fit throws (a schema bug). */
export function parseRows<T>(schema: z.ZodType<T>, rows: unknown[]): T[] {
  return z.array(schema).parse(rows);
}

/** The row of a `.get()` answer, parsed, or undefined when there was none. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown): T | undefined {
  return row === undefined ? undefined : schema.parse(row);
}

export const BodyRowSchema = z.object({ body: z.string() });
export const IdRowSchema = z.object({ id: z.string() });

/** A TEXT column holding JSON, parsed and then checked against `schema`. */
export function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
