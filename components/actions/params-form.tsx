'use client';
// The few parameters an action takes: an upstream to re-attach to, promotion options, or the
// config settings to apply. Everything else is decided by the server's plan.
import { useId, useMemo, useState } from 'react';
import type { ActionId } from '@/lib/contracts';
import { APPLICABLE_CONFIG } from '@/lib/actions/config-values';
import { useT } from '@/components/i18n/i18n-provider';
import { useTopology } from '@/components/hooks/use-topology';
import type { MessageKey } from '@/lib/i18n';
import { paramsProblem, rowsToSettings, settingsToRows, type SettingRow } from './params';

const input =
  'focus-ring h-8 rounded-md border border-border bg-surface-2 px-2.5 font-mono text-sm';

function Check({
  label,
  hint,
  checked,
  onChange,
  testId,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange(v: boolean): void;
  testId: string;
}) {
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
        <span className="font-medium text-fg">{label}</span>
        <span className="text-xs text-fg-muted">{hint}</span>
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
  const [upstream, setUpstream] = useState(String(initial.upstream ?? ''));
  const [allowChain, setAllowChain] = useState(initial.allowChain === true);
  const [repoint, setRepoint] = useState(initial.repoint !== false);
  const [force, setForce] = useState(initial.force === true);
  const [fence, setFence] = useState(initial.fence !== false);
  const [rows, setRows] = useState(() => settingsToRows(initial));
  const [rewrite, setRewrite] = useState(initial.rewrite === true);
  const [problem, setProblem] = useState<string | null>(null);

  const build = (): Record<string, unknown> => {
    if (action === 'replica.reattach')
      return { upstream: upstream.trim(), ...(allowChain ? { allowChain } : {}) };
    if (action === 'replica.promote') return { repoint, force, fence };
    if (action === 'config.apply')
      return { settings: rowsToSettings(rows), ...(rewrite ? { rewrite } : {}) };
    return {};
  };
  const k = (s: string) => `actions.param.${s}` as MessageKey;
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="action-params"
      onSubmit={(e) => {
        e.preventDefault();
        const params = build();
        const p = paramsProblem(action, params);
        setProblem(p);
        if (!p) onSubmit(params);
      }}
    >
      <h3 className="panel-title">{t('actions.params')}</h3>
      {action === 'replica.reattach' && (
        <>
          <UpstreamField target={target} value={upstream} onChange={setUpstream} />
          <Check
            label={t(k('allowChain'))}
            hint={t(k('allowChainHint'))}
            checked={allowChain}
            onChange={setAllowChain}
            testId="param-allow-chain"
          />
        </>
      )}
      {action === 'replica.promote' && (
        <>
          <Check
            label={t(k('repoint'))}
            hint={t(k('repointHint'))}
            checked={repoint}
            onChange={setRepoint}
            testId="param-repoint"
          />
          <Check
            label={t(k('fence'))}
            hint={t(k('fenceHint'))}
            checked={fence}
            onChange={setFence}
            testId="param-fence"
          />
          <Check
            label={t(k('force'))}
            hint={t(k('forceHint'))}
            checked={force}
            onChange={setForce}
            testId="param-force"
          />
        </>
      )}
      {action === 'config.apply' && (
        <>
          <SettingsField rows={rows} onChange={setRows} />
          <Check
            label={t(k('rewrite'))}
            hint={t(k('rewriteHint'))}
            checked={rewrite}
            onChange={setRewrite}
            testId="param-rewrite"
          />
        </>
      )}
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
