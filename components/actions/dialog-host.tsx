'use client';
// One repair dialog for the whole page, owned here rather than by the button that opened it: a
// finding's Fix button disappears when its finding resolves — which is what a successful repair
// does — and the verified result must stay on screen until the operator closes it.
import { useSyncExternalStore } from 'react';
import { ActionDialog, type ActionDialogProps } from './action-dialog';

type Opening = Omit<ActionDialogProps, 'onClose'> & { key: number };

let current: Opening | null = null;
let seq = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

/** Opens the repair dialog (replacing one already open). */
export function openActionDialog(props: Omit<ActionDialogProps, 'onClose'>): void {
  seq += 1;
  current = { ...props, key: seq };
  emit();
}

function closeActionDialog(): void {
  current = null;
  emit();
}

export function ActionDialogHost() {
  const opening = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => null,
  );
  if (!opening) return null;
  const { key, ...props } = opening;
  return <ActionDialog key={key} {...props} onClose={closeActionDialog} />;
}
