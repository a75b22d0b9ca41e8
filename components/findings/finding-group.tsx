'use client';
// A root finding with its consequences folded under "+N consequences": one fault reads as one
// problem (a dead replica, not its node, its link and the canary it missed).
import { useId, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { FindingItem } from './finding-item';
import type { FindingGroup } from './findings-state';

export function FindingGroupItem({
  group,
  showIncidentLink = true,
}: {
  group: FindingGroup;
  /** Off where the group is shown inside its own incident. */
  showIncidentLink?: boolean;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const n = group.consequences.length;
  return (
    <>
      <FindingItem finding={group.root} showIncidentLink={showIncidentLink} />
      {n > 0 && (
        <li className="pl-4" data-testid="finding-consequences" data-root-id={group.root.id} data-count={n}>
          <button
            type="button"
            className="focus-ring rounded px-2 py-1 text-xs font-semibold text-fg-muted hover:bg-surface-2"
            aria-expanded={open}
            aria-controls={listId}
            data-testid="finding-consequences-toggle"
            onClick={() => setOpen((v) => !v)}
          >
            {open ? t('findings.consequencesHide', { count: n }) : t('findings.consequences', { count: n })}
          </button>
          {open && (
            <ul id={listId} className="ml-2 divide-y divide-border border-l-2 border-border" aria-label={t('findings.consequenceOf')}>
              {group.consequences.map((f) => (
                <FindingItem key={f.id} finding={f} showIncidentLink={false} />
              ))}
            </ul>
          )}
        </li>
      )}
    </>
  );
}
