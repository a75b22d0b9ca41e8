'use client';
// Sentinel's own settings and state from the group frame: a small form for SENTINEL SET (the
// values the group has now, only the changed ones sent) and a reset, both through the guarded
// action dialog (plan, preflight, confirmation, run, verification, audit).
import { useState } from 'react';
import type { ActionId, SentinelGroup } from '@/lib/contracts';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';
import { canOperate, useMe } from '@/components/hooks/use-me';
import { ActionDialog } from '@/components/actions/action-dialog';
import { paramsProblem } from '@/components/actions/params';

const FIELDS = ['quorum', 'down-after-milliseconds', 'failover-timeout', 'parallel-syncs'] as const;
type Field = (typeof FIELDS)[number];
const LABEL: Record<Field, MessageKey> = {
  quorum: 'sentinel.setting.quorum',
  'down-after-milliseconds': 'sentinel.setting.down-after-milliseconds',
  'failover-timeout': 'sentinel.setting.failover-timeout',
  'parallel-syncs': 'sentinel.setting.parallel-syncs',
};
const text = (v: number | null) => (v === null ? '' : String(v));

function current(group: SentinelGroup): Record<Field, number | null> {
  return {
    quorum: group.quorum,
    'down-after-milliseconds': group.downAfterMs ?? null,
    'failover-timeout': group.failoverTimeoutMs ?? null,
    'parallel-syncs': group.parallelSyncs ?? null,
  };
}

function SettingsForm({ group, onPlan, onCancel }: { group: SentinelGroup; onPlan(settings: Record<string, number>): void; onCancel(): void }) {
  const { t } = useT();
  const now = current(group);
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    quorum: text(now.quorum),
    'down-after-milliseconds': text(now['down-after-milliseconds']),
    'failover-timeout': text(now['failover-timeout']),
    'parallel-syncs': text(now['parallel-syncs']),
  }));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      data-testid="sentinel-settings-form"
      className="flex flex-col gap-2 rounded-md border border-border bg-surface p-3 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        const settings: Record<string, number> = {};
        for (const f of FIELDS) if (values[f].trim() !== '' && Number(values[f]) !== now[f]) settings[f] = Number(values[f]);
        if (!Object.keys(settings).length) return setProblem(t('sentinel.actions.unchanged'));
        const p = paramsProblem('sentinel.set', { settings });
        setProblem(p);
        if (!p) onPlan(settings);
      }}
    >
      <p className="text-fg-muted">{t('sentinel.actions.help', { name: group.name })}</p>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <label key={f} className="flex flex-col gap-1">
            <span className="font-mono text-fg-muted">{t(LABEL[f])}</span>
            <input
              type="number"
              inputMode="numeric"
              value={values[f]}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              className="focus-ring h-8 rounded border border-border bg-surface-2 px-2 font-mono"
              data-testid={`sentinel-setting-${f}`}
            />
          </label>
        ))}
      </div>
      {problem && (
        <p role="alert" className="text-crit">
          {problem}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary focus-ring h-8">
          {t('sentinel.actions.plan')}
        </button>
        <button type="button" className="btn-ghost focus-ring h-8" onClick={onCancel}>
          {t('sentinel.actions.cancel')}
        </button>
      </div>
    </form>
  );
}

export function SentinelActions({ group }: { group: SentinelGroup }) {
  const { t } = useT();
  const { me } = useMe();
  const [isEditing, setIsEditing] = useState(false);
  const [dialog, setDialog] = useState<{ action: ActionId; params: Record<string, unknown> } | null>(null);
  const target = group.masterId;
  if (!target || !canOperate(me)) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="sentinel-actions">
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-ghost focus-ring h-7 text-xs" onClick={() => setIsEditing((v) => !v)} aria-expanded={isEditing}>
          {t('sentinel.actions.change')}
        </button>
        <button type="button" className="btn-ghost focus-ring h-7 text-xs" onClick={() => setDialog({ action: 'sentinel.reset', params: {} })}>
          {t('sentinel.actions.reset')}
        </button>
      </div>
      {isEditing && (
        <SettingsForm
          group={group}
          onCancel={() => setIsEditing(false)}
          onPlan={(settings) => {
            setIsEditing(false);
            setDialog({ action: 'sentinel.set', params: { settings } });
          }}
        />
      )}
      {dialog && <ActionDialog key={dialog.action} request={{ action: dialog.action, target, params: dialog.params }} onClose={() => setDialog(null)} />}
    </div>
  );
}
