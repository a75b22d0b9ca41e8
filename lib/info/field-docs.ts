// Meaning of INFO fields, in both UI languages, for the field table and finding evidence.
// Sources: shared/reference/redis-replication.md §5 (Redis 7.0–7.4 code) and the runbook's
// §3.1 normal/abnormal columns. The runbook calls offsets "命令"; they are bytes, and say so.
// Each table keeps en and zh side by side: that is how they get reviewed. Split by section only
// so no file is a wall.
import type { FieldDoc } from './field-doc';
import { OTHER_DOCS } from './field-docs-other';
import { REPLICATION_DOCS } from './field-docs-replication';

export type { FieldDoc } from './field-doc';

export const FIELD_DOCS: Record<string, FieldDoc> = { ...REPLICATION_DOCS, ...OTHER_DOCS };

/** Doc for a field, also for numbered fields: `slave3` and `replica3` → `slaveN`, `db2` → `dbN`. */
export function fieldDoc(name: string): FieldDoc | undefined {
  // hasOwn: `constructor` or `toString` must not resolve to Object.prototype members.
  if (Object.hasOwn(FIELD_DOCS, name)) return FIELD_DOCS[name];
  const numbered = name.replace(/^(slave|replica|db)\d+$/, (_m, p: string) =>
    p === 'db' ? 'dbN' : 'slaveN',
  );
  return numbered !== name && Object.hasOwn(FIELD_DOCS, numbered)
    ? FIELD_DOCS[numbered]
    : undefined;
}
