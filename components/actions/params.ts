// Parameters of an action as the dialog edits them: defaults for the node menu, whether a form
// is needed, and validation with the contract's own zod schemas before anything is sent.
import { ACTION_PARAMS_SCHEMAS, type ActionId } from '@/lib/contracts';

/** Actions whose parameters the user chooses before the first plan. */
export const ACTIONS_WITH_FORM: ReadonlySet<ActionId> = new Set([
  'replica.reattach',
  'replica.promote',
  'config.apply',
]);

export interface SettingRow {
  name: string;
  value: string;
}

export function defaultParams(
  action: ActionId,
  upstream: string | undefined,
): Record<string, unknown> {
  switch (action) {
    case 'replica.reattach':
      return upstream ? { upstream } : {};
    case 'replica.promote':
      return { repoint: true, force: false, fence: true };
    case 'config.apply':
      return { settings: {} };
    default:
      return {};
  }
}

/** config.apply settings ↔ editable rows (an empty row to type into when there are none). */
export function settingsToRows(params: Record<string, unknown>): SettingRow[] {
  const s = params.settings;
  const rows =
    s && typeof s === 'object'
      ? Object.entries(s as Record<string, unknown>).map(([name, value]) => ({
          name,
          value: String(value),
        }))
      : [];
  return rows.length ? rows : [{ name: '', value: '' }];
}

export function rowsToSettings(rows: readonly SettingRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const name = r.name.trim().toLowerCase();
    if (name) out[name] = r.value.trim();
  }
  return out;
}

/** The first problem with `params` in the contract's words, or null when they are valid. */
export function paramsProblem(action: ActionId, params: Record<string, unknown>): string | null {
  const r = ACTION_PARAMS_SCHEMAS[action].safeParse(params);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'invalid'}`;
}

/** Every field the parameter form edits, whichever action it is for. */
export interface ParamValues {
  upstream: string;
  allowChain: boolean;
  repoint: boolean;
  force: boolean;
  fence: boolean;
  rows: SettingRow[];
  rewrite: boolean;
}

export function paramValues(initial: Record<string, unknown>): ParamValues {
  return {
    upstream: typeof initial.upstream === 'string' ? initial.upstream : '',
    allowChain: initial.allowChain === true,
    repoint: initial.repoint !== false,
    force: initial.force === true,
    fence: initial.fence !== false,
    rows: settingsToRows(initial),
    rewrite: initial.rewrite === true,
  };
}

/** The params `action` takes from the form's fields (flags left out while off). */
export function formParams(action: ActionId, v: ParamValues): Record<string, unknown> {
  switch (action) {
    case 'replica.reattach':
      return { upstream: v.upstream.trim(), ...(v.allowChain ? { allowChain: true } : {}) };
    case 'replica.promote':
      return { repoint: v.repoint, force: v.force, fence: v.fence };
    case 'config.apply':
      return { settings: rowsToSettings(v.rows), ...(v.rewrite ? { rewrite: true } : {}) };
    default:
      return {};
  }
}
