// A server-built sentence as an i18n key with its parameters, rendered in the reader's
// language by lib/i18n/text-ref (the same idea as a report check's `reason` + `params`). A
// parameter may itself be a text reference (a TTL phrase inside a key's difference line).
import { z } from 'zod';

export interface TextRef {
  /** i18n message key (lib/i18n/en/*). */
  key: string;
  /** A list of references is joined with the language's list separator. */
  params?: Record<string, string | number | TextRef | TextRef[]>;
}

// Any key parses: runs stored in SQLite outlive a renamed key, and a reader that does not know
// one (an older page) shows the English `detail` beside it instead.
export const TextRefSchema: z.ZodType<TextRef> = z.object({
  key: z.string().min(1),
  params: z
    .record(
      z.string(),
      z.union([
        z.string(),
        z.number(),
        z.lazy(() => TextRefSchema),
        z.array(z.lazy(() => TextRefSchema)),
      ]),
    )
    .optional(),
});
