'use client';
// Start a canary (every master) or a comparison of one replica with its master.
import { useState } from 'react';
import type { CompareMode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';

const SELECT =
  'focus-ring h-9 rounded-md border border-border bg-surface-2 px-2 text-sm text-fg hover:border-border-strong';
const LABEL = 'text-xs font-semibold uppercase tracking-wide text-fg-muted';
const PRIMARY =
  'focus-ring inline-flex h-9 items-center justify-center rounded-md bg-accent px-4 text-sm font-semibold text-white hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-50';

type Replica = { id: string; reachable: boolean };

function ReplicaSelect({
  replicas,
  value,
  onChange,
}: {
  replicas: Replica[];
  value: string;
  onChange(id: string): void;
}) {
  const { t } = useT();
  return (
    <label className="flex flex-col gap-1.5">
      <span className={LABEL}>{t('checks.replica')}</span>
      <select
        className={`${SELECT} min-w-[14rem] font-mono`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="check-replica"
      >
        {replicas.length === 0 && <option value="">{t('checks.noReplicas')}</option>}
        {replicas.map((r) => (
          <option key={r.id} value={r.id} data-reachable={r.reachable ? 'true' : 'false'}>
            {r.reachable ? r.id : `${r.id} — ⚠ ${t('checks.unreachable')}`}
          </option>
        ))}
      </select>
    </label>
  );
}

const isMode = (v: string): v is CompareMode => v === 'sample' || v === 'full';

/** Sample or full comparison, and the sample's size while sampling. */
function ModeFields({
  mode,
  size,
  onMode,
  onSize,
}: {
  mode: CompareMode;
  size: number;
  onMode(m: CompareMode): void;
  onSize(n: number): void;
}) {
  const { t } = useT();
  return (
    <>
      <label className="flex flex-col gap-1.5">
        <span className={LABEL}>{t('checks.mode')}</span>
        <select
          className={SELECT}
          value={mode}
          onChange={(e) => isMode(e.target.value) && onMode(e.target.value)}
          data-testid="check-mode"
        >
          <option value="sample">{t('checks.mode.sample')}</option>
          <option value="full">{t('checks.mode.full')}</option>
        </select>
      </label>
      {mode === 'sample' && (
        <label className="flex flex-col gap-1.5">
          <span className={LABEL}>{t('checks.sampleSize')}</span>
          <input
            type="number"
            min={1}
            max={1_000_000}
            step={1000}
            value={Number.isFinite(size) ? size : ''}
            onChange={(e) => onSize(e.target.valueAsNumber)}
            className={`${SELECT} tnum w-32 font-mono`}
            data-testid="check-sample-size"
          />
        </label>
      )}
    </>
  );
}

export function CheckStart({
  replicas,
  canStart,
  isBusy,
  onCanary,
  onCompare,
}: {
  /** Unreachable replicas stay listed (their history matters) but are marked. */
  replicas: Replica[];
  canStart: boolean;
  isBusy: boolean;
  onCanary(): void;
  onCompare(replica: string, mode: CompareMode, sampleSize: number): void;
}) {
  const { t } = useT();
  const [chosen, setChosen] = useState('');
  const [mode, setMode] = useState<CompareMode>('sample');
  const [size, setSize] = useState(10_000);
  const firstUp = replicas.find((r) => r.reachable) ?? replicas[0];
  const picked = replicas.find((r) => r.id === chosen) ?? firstUp;
  const replica = picked?.id ?? '';
  const sizeOk = Number.isInteger(size) && size >= 1 && size <= 1_000_000;
  return (
    <section className="panel flex flex-col gap-4 p-4" aria-labelledby="check-start-title">
      <h2 id="check-start-title" className="panel-title">
        {t('checks.start')}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <ReplicaSelect replicas={replicas} value={replica} onChange={setChosen} />
        <ModeFields mode={mode} size={size} onMode={setMode} onSize={setSize} />
        <button
          type="button"
          className={PRIMARY}
          data-testid="check-start-compare"
          disabled={!canStart || isBusy || !replica || (mode === 'sample' && !sizeOk)}
          onClick={() => onCompare(replica, mode, size)}
        >
          {t('checks.startCompare')}
        </button>
        <span className="mx-1 h-9 w-px bg-border" aria-hidden />
        <button
          type="button"
          className="btn-ghost h-9"
          data-testid="check-start-canary"
          disabled={!canStart || isBusy}
          onClick={onCanary}
        >
          {t('checks.startCanary')}
        </button>
      </div>
      {picked && !picked.reachable && (
        <p className="text-xs font-medium text-warn" data-testid="check-replica-unreachable">
          {t('checks.replicaUnreachable')}
        </p>
      )}
      {!canStart && <p className="text-xs text-fg-muted">{t('checks.operatorOnly')}</p>}
      <p className="text-xs text-fg-subtle">{t('checks.why')}</p>
    </section>
  );
}
