'use client';
// Asks for the operator's name once (remembered in localStorage) before a recorded action. With
// auth on, the signed-in user is the actor (the server records the session's user anyway).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useOperatorName } from '@/components/hooks/use-operator-name';
import { useMe } from '@/components/hooks/use-me';
import { UserIcon } from '@/components/findings/icons';

export interface OperatorPrompt {
  name: string | null;
  /** The name is the signed-in user's: nothing to ask or change. */
  isSessionUser: boolean;
  /** Resolves with the name (asking first if none is stored), or null when cancelled. */
  ensureName(): Promise<string | null>;
  /** Ask again, to change the remembered name. */
  askName(): Promise<string | null>;
  dialog: React.ReactNode;
}

export function useOperatorPrompt(): OperatorPrompt {
  const [storedName, setName] = useOperatorName();
  const { me } = useMe();
  const sessionName = me?.authEnabled ? (me.user?.username ?? null) : null;
  const name = sessionName ?? storedName;
  const [pending, setPending] = useState<((name: string | null) => void) | null>(null);
  const askName = useCallback(
    () => new Promise<string | null>((resolve) => setPending(() => resolve)),
    [],
  );
  const ensureName = useCallback(() => (name ? Promise.resolve(name) : askName()), [name, askName]);
  const finish = (value: string | null) => {
    if (value) setName(value);
    pending?.(value);
    setPending(null);
  };
  const dialog = pending ? <OperatorDialog initial={name ?? ''} onDone={finish} /> : null;
  return { name, isSessionUser: sessionName !== null, ensureName, askName, dialog };
}

function OperatorDialog({
  initial,
  onDone,
}: {
  initial: string;
  onDone: (name: string | null) => void;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const trimmed = value.trim();
  return (
    <dialog
      ref={ref}
      data-testid="operator-dialog"
      aria-labelledby="operator-title"
      onCancel={(e) => {
        e.preventDefault();
        onDone(null);
      }}
      className="m-auto w-full max-w-md rounded-lg border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/50"
    >
      <form
        className="flex flex-col gap-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed) onDone(trimmed.slice(0, 80));
        }}
      >
        <h2 id="operator-title" className="flex items-center gap-2 text-lg font-semibold">
          <UserIcon className="h-5 w-5 text-accent" />
          {t('operator.title')}
        </h2>
        <p className="text-sm text-fg-muted">{t('operator.body')}</p>
        <label className="flex flex-col gap-1.5">
          <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">
            {t('operator.label')}
          </span>
          <input
            autoFocus
            name="operator"
            maxLength={80}
            autoComplete="name"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="focus-ring h-9 rounded-md border border-border bg-surface-2 px-3 text-sm"
            data-testid="operator-input"
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-ghost h-8" onClick={() => onDone(null)}>
            {t('operator.cancel')}
          </button>
          <button
            type="submit"
            disabled={!trimmed}
            className="focus-ring inline-flex h-8 items-center rounded-md bg-accent px-3 text-xs font-semibold text-white disabled:opacity-50"
            data-testid="operator-save"
          >
            {t('operator.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
