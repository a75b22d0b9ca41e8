'use client';
// The few parameters an action takes: an upstream to re-attach to, promotion options, or the
// config settings to apply. Everything else is decided by the server's plan.
import { useId, useMemo, useState } from 'react';
import type { ActionId } from '@/lib/contracts';
import { APPLICABLE_CONFIG } from '@/lib/actions/config-values';
import { useT } from '@/components/i18n/i18n-provider';
import { useTopology } from '@/components/hooks/use-topology';
import {
  formParams,
  paramValues,
  paramsProblem,
  type ParamValues,
  type SettingRow,
} from './params';

const input =
  'focus-ring h-8 rounded-md border border-border bg-surface-2 px-2.5 font-mono text-sm';

type Flag = 'allowChain' | 'repoint' | 'fence' | 'force' | 'rewrite';

/** One on/off parameter, its label and hint from `actions.param.<flag>` and `…Hint`. */
function Check({
  flag,
  checked,
  onChange,
  testId,
}: {
  flag: Flag;
  checked: boolean;
  onChange(v: boolean): void;
  testId: string;
}) {
  const { t } = useT();
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-1 accent-[var(--accent)]"
        data-testid={testId}
      />
      <span className="flex flex-col">
        <span className="font-medium text-fg">{t(`actions.param.${flag}`)}</span>
        <span className="text-xs text-fg-muted">{t(`actions.param.${flag}Hint`)}</span>
      </span>
    </label>
  );
}

function UpstreamField({
  target,
  value,
  onChange,
}: {
  target: string;
  value: string;
  onChange(v: string): void;
}) {
  const { t } = useT();
  const id = useId();
  const topo = useTopology();
  const choices = useMemo(
    () => Object.values(topo.nodes).filter((n) => n.id !== target && n.reachable),
    [topo.nodes, target],
  );
  return (
    <label htmlFor={id} className="flex flex-col gap-1">
      <span className="text-xs font-semibold text-fg-muted">{t('actions.param.upstream')}</span>
      <input
        id={id}
        list={`${id}-nodes`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="host:port"
        spellCheck={false}
        className={`${input} max-w-xs`}
        data-testid="param-upstream"
      />
      <datalist id={`${id}-nodes`}>
        {choices.map((n) => (
          <option key={n.id} value={n.id}>
            {t(`role.${n.role}`)}
          </option>
        ))}
      </datalist>
    </label>
  );
}

function SettingsField({
  rows,
  onChange,
}: {
  rows: SettingRow[];
  onChange(rows: SettingRow[]): void;
}) {
  const { t } = useT();
  const listId = useId();
  const set = (i: number, patch: Partial<SettingRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-xs font-semibold text-fg-muted">
        {t('actions.param.settings')}
      </legend>
      <datalist id={listId}>
        {[...APPLICABLE_CONFIG].map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {rows.map((r, i) => (
        <div key={i} className="flex flex-wrap items-center gap-2" data-testid="param-setting">
          <input
            aria-label={t('actions.param.settingName')}
            list={listId}
            value={r.name}
            onChange={(e) => set(i, { name: e.target.value })}
            placeholder="repl-backlog-size"
            spellCheck={false}
            className={`${input} w-56`}
            data-testid="param-setting-name"
          />
          <span className="text-fg-subtle">=</span>
          <input
            aria-label={t('actions.param.settingValue')}
            value={r.value}
            onChange={(e) => set(i, { value: e.target.value })}
            placeholder="64mb"
            spellCheck={false}
            className={`${input} w-40`}
            data-testid="param-setting-value"
          />
          {rows.length > 1 && (
            <button
              type="button"
              className="btn-ghost focus-ring h-8"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              {t('actions.param.remove')}
            </button>
          )}
        </div>
      ))}
      <div>
        <button
          type="button"
          className="btn-ghost focus-ring h-8"
          onClick={() => onChange([...rows, { name: '', value: '' }])}
          data-testid="param-setting-add"
        >
          {t('actions.param.add')}
        </button>
      </div>
    </fieldset>
  );
}

// The on/off parameters each action takes, in the order the form shows them.
const FLAGS: Partial<Record<ActionId, readonly Flag[]>> = {
  'replica.reattach': ['allowChain'],
  'replica.promote': ['repoint', 'fence', 'force'],
  'config.apply': ['rewrite'],
};
const FLAG_TEST_ID: Record<Flag, string> = {
  allowChain: 'param-allow-chain',
  repoint: 'param-repoint',
  fence: 'param-fence',
  force: 'param-force',
  rewrite: 'param-rewrite',
};

/** The fields of one action's parameters; `set(key)` changes one of them. */
function ActionFields({
  action,
  target,
  values: v,
  set,
}: {
  action: ActionId;
  target: string;
  values: ParamValues;
  set: <K extends keyof ParamValues>(key: K) => (value: ParamValues[K]) => void;
}) {
  return (
    <>
      {action === 'replica.reattach' && (
        <UpstreamField target={target} value={v.upstream} onChange={set('upstream')} />
      )}
      {action === 'config.apply' && <SettingsField rows={v.rows} onChange={set('rows')} />}
      {(FLAGS[action] ?? []).map((flag) => (
        <Check
          key={flag}
          flag={flag}
          checked={v[flag]}
          onChange={set(flag)}
          testId={FLAG_TEST_ID[flag]}
        />
      ))}
    </>
  );
}

/** Edits a copy of `initial`; `onSubmit` gets params the contract accepts. */
export function ParamsForm({
  action,
  target,
  initial,
  onSubmit,
  onCancel,
}: {
  action: ActionId;
  target: string;
  initial: Record<string, unknown>;
  onSubmit(params: Record<string, unknown>): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const [values, setValues] = useState(() => paramValues(initial));
  const [problem, setProblem] = useState<string | null>(null);
  const set =
    <K extends keyof ParamValues>(key: K) =>
    (value: ParamValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="action-params"
      onSubmit={(e) => {
        e.preventDefault();
        const params = formParams(action, values);
        const p = paramsProblem(action, params);
        setProblem(p);
        if (!p) onSubmit(params);
      }}
    >
      <h3 className="panel-title">{t('actions.params')}</h3>
      <ActionFields action={action} target={target} values={values} set={set} />
      {problem && (
        <p role="alert" className="text-sm text-crit" data-testid="action-params-problem">
          {t('actions.paramsInvalid', { problem })}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-ghost focus-ring h-8" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
        <button
          type="submit"
          className="focus-ring inline-flex h-8 items-center rounded-md bg-accent px-3 text-xs font-semibold text-white"
          data-testid="action-plan"
        >
          {t('actions.makePlan')}
        </button>
      </div>
    </form>
  );
}
