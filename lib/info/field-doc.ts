// The shape of one INFO field's meaning, and a compact way to write one.

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

export function doc(
  section: string,
  en: string,
  zh: string,
  healthyEn?: string,
  healthyZh?: string,
): FieldDoc {
  return healthyEn === undefined ? { section, en, zh } : { section, en, zh, healthyEn, healthyZh };
}
