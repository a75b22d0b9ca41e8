// Meaning of INFO fields, in both UI languages. (Stub: the full table is being written.)

export interface FieldDoc {
  /** INFO section the field belongs to, lower case. */
  section: string;
  /** One line: what the field means. */
  en: string;
  zh: string;
  /** What a healthy value looks like and what is abnormal (optional). */
  healthyEn?: string;
  healthyZh?: string;
}

export const FIELD_DOCS: Record<string, FieldDoc> = {
  role: { section: 'replication', en: 'Role of this node: master, or slave (replica).', zh: '节点角色：master（主）或 slave（从）。' },
};

/** Doc for a field, also for numbered fields like `slave3` (looked up as `slaveN`). */
export function fieldDoc(name: string): FieldDoc | undefined {
  return FIELD_DOCS[name] ?? FIELD_DOCS[name.replace(/^(slave|replica)\d+$/, '$1N')];
}
