'use client';
// The guarded actions that apply to one node, by its live role: a replica can be re-attached,
// reconnected, fully resynced or promoted; any node can be re-pointed or get settings applied.
import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { ActionCatalogEntry, ActionId } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useTopology } from '@/components/hooks/use-topology';
import { useActionCatalog } from '@/components/hooks/use-action-catalog';
import { useMe } from '@/components/hooks/use-me';
import { BoltIcon, ChevronDownIcon } from '@/components/findings/icons';
import { WarningIcon } from '@/components/ui/icons';
import { pick } from './action-text';
import { ActionDialog } from './action-dialog';
import { ACTIONS_WITH_FORM, defaultParams } from './params';

const REPLICA_ACTIONS: ActionId[] = [
  'replica.reattach',
  'replica.reconnect',
  'replica.resync',
  'replica.promote',
  'config.apply',
];
// A master (or a node that left its master) can still be pointed at an upstream.
const OTHER_ACTIONS: ActionId[] = ['replica.reattach', 'config.apply'];

export function actionsForRole(role: string | undefined): ActionId[] {
  return role === 'replica' ? REPLICA_ACTIONS : OTHER_ACTIONS;
}

function MenuItem({ entry, onPick }: { entry: ActionCatalogEntry; onPick(): void }) {
  const { t, locale } = useT();
  return (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        onClick={onPick}
        className="focus-ring flex w-full flex-col gap-0.5 rounded-md px-3 py-2 text-left hover:bg-surface-2"
        data-testid="node-action"
        data-action={entry.id}
      >
        <span className="flex items-center gap-2 text-sm font-medium text-fg">
          {pick(entry.title, locale)}
          {entry.destructive && (
            <span className="inline-flex items-center gap-1 text-[11px] font-semibold uppercase text-crit">
              <WarningIcon className="h-3 w-3" />
              {t('actions.destructive')}
            </span>
          )}
          <span className="ml-auto text-[11px] text-fg-subtle">{t(`auth.role.${entry.role}`)}</span>
        </span>
        <span className="line-clamp-2 text-xs leading-5 text-fg-muted">
          {pick(entry.description, locale)}
        </span>
      </button>
    </li>
  );
}

/** Closes the open menu on a click outside `box` or on Escape. */
function useDismiss(box: RefObject<HTMLElement | null>, isOpen: boolean, close: () => void) {
  useEffect(() => {
    if (!isOpen) return;
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [box, isOpen, close]);
}

function ActionMenu({
  id,
  entries,
  isReadOnly,
  onPick,
}: {
  id: string;
  entries: readonly ActionCatalogEntry[];
  isReadOnly: boolean;
  onPick(action: ActionId): void;
}) {
  const { t } = useT();
  return (
    <div
      id={id}
      className="absolute right-0 z-30 mt-1 w-96 max-w-[90vw] rounded-lg border border-border bg-surface p-1 shadow-xl"
    >
      {isReadOnly && (
        <p className="px-3 py-1.5 text-xs text-fg-muted">{t('actions.menuReadOnly')}</p>
      )}
      <ul role="menu" aria-label={t('actions.nodeMenu')}>
        {entries.map((e) => (
          <MenuItem key={e.id} entry={e} onPick={() => onPick(e.id)} />
        ))}
      </ul>
    </div>
  );
}

export function NodeActions({ nodeId }: { nodeId: string }) {
  const { t } = useT();
  const topo = useTopology();
  const { catalog, error } = useActionCatalog();
  const { me } = useMe();
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  const [picked, setPicked] = useState<ActionId | null>(null);
  const menuId = useId();
  const box = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setIsMenuOpen(false), []);
  useDismiss(box, isMenuOpen, closeMenu);
  const node = topo.nodes[nodeId];
  const upstream = Object.values(topo.links).find((l) => l.replica === nodeId)?.upstream;
  const entries = actionsForRole(node?.role)
    .map((id) => catalog?.actions.find((a) => a.id === id))
    .filter((e): e is ActionCatalogEntry => !!e);

  return (
    <div
      ref={box}
      className="relative inline-block"
      data-testid="node-actions"
      data-role={node?.role}
    >
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={isMenuOpen}
        aria-controls={menuId}
        onClick={() => setIsMenuOpen((v) => !v)}
        disabled={!catalog}
        title={error ? t('actions.catalogError', { message: error }) : undefined}
        className="btn-ghost focus-ring h-8 disabled:opacity-50"
        data-testid="node-actions-toggle"
      >
        <BoltIcon className="h-3.5 w-3.5" />
        {t('actions.nodeMenu')}
        <ChevronDownIcon
          className={`h-3.5 w-3.5 transition-transform ${isMenuOpen ? 'rotate-180' : ''}`}
        />
      </button>
      {isMenuOpen && (
        <ActionMenu
          id={menuId}
          entries={entries}
          isReadOnly={!!(me?.readOnly || catalog?.readOnly)}
          onPick={(action) => {
            setIsMenuOpen(false);
            setPicked(action);
          }}
        />
      )}
      {picked && (
        <ActionDialog
          key={picked}
          request={{ action: picked, target: nodeId, params: defaultParams(picked, upstream) }}
          editParams={ACTIONS_WITH_FORM.has(picked)}
          onClose={() => setPicked(null)}
        />
      )}
    </div>
  );
}
