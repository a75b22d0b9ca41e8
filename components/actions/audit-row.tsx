'use client';
// One audit entry: when, who (and their role), what on which node, why, how it ended; the
// commands it records expand below.
import { Fragment, useState } from 'react';
import type { AuditEntry } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { DriverError } from '@/components/i18n/driver-error';
import { NodeLink } from '@/components/ui/node-link';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { CriticalIcon } from '@/components/ui/icons';
import { ChevronDownIcon } from '@/components/findings/icons';
import {
  AUDIT_OUTCOME_STATUS,
  auditCommands,
  auditNote,
  auditOutcome,
  type AuditCommand,
} from './audit-entry';

const COLUMNS = 7;
const STEP_STATES = ['pending', 'running', 'ok', 'failed', 'skipped'] as const;
const isStepState = (s: string): s is (typeof STEP_STATES)[number] =>
  (STEP_STATES as readonly string[]).includes(s);

/** When (with the run's entry ids) and, on the entry where the hash chain breaks, a mark. */
function WhenCell({
  entry,
  earlier,
  isBroken,
}: {
  entry: AuditEntry;
  earlier: readonly AuditEntry[];
  isBroken: boolean;
}) {
  const { t, fmt } = useT();
  return (
    <td className="whitespace-nowrap px-3 py-2">
      <span className="tnum block font-mono text-xs">{fmt.dateTime(entry.at)}</span>
      <span className="tnum font-mono text-[11px] text-fg-subtle">
        #
        {[...earlier]
          .reverse()
          .map((e) => `${e.id}, `)
          .join('')}
        {entry.id}
      </span>
      {isBroken && (
        <span className="mt-1 flex items-center gap-1 text-[11px] font-semibold text-crit">
          <CriticalIcon className="h-3.5 w-3.5" />
          {t('audit.breaksHere')}
        </span>
      )}
    </td>
  );
}

function WhoCell({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  const role =
    entry.role === 'viewer' || entry.role === 'operator' || entry.role === 'admin'
      ? t(`auth.role.${entry.role}`)
      : entry.role;
  return (
    <td className="px-3 py-2">
      <span className="block truncate text-sm font-medium" title={entry.actor}>
        {entry.actor}
      </span>
      <span className="text-xs text-fg-muted">{role}</span>
    </td>
  );
}

/** How it ended, the note, and the run's earlier entries (started, approved). */
function OutcomeCell({ entry, earlier }: { entry: AuditEntry; earlier: readonly AuditEntry[] }) {
  const { t, fmt } = useT();
  const outcome = auditOutcome(entry);
  const tone = STATUS_TONE[AUDIT_OUTCOME_STATUS[outcome]];
  const note = auditNote(entry);
  return (
    <td className="px-3 py-2">
      <span
        className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide ring-1 ring-inset ${tone.text} ${tone.bg} ${tone.ring}`}
      >
        <StatusIcon status={AUDIT_OUTCOME_STATUS[outcome]} className="h-3.5 w-3.5" />
        {t(`audit.outcome.${outcome}`)}
      </span>
      {note && <span className="mt-1 block break-words text-xs text-fg-muted">{note}</span>}
      {earlier.map((e) => (
        <span
          key={e.id}
          className="tnum mt-1 block text-[11px] text-fg-subtle"
          data-testid="audit-earlier"
        >
          {t(`audit.outcome.${auditOutcome(e)}`)} {fmt.time(e.at)}
          {e.actor !== entry.actor ? ` · ${e.actor}` : ''}
        </span>
      ))}
    </td>
  );
}

const stateClass = (state: string) =>
  state === 'failed' ? 'text-crit' : state === 'ok' ? 'text-ok' : 'text-fg-muted';

/** The commands the entry records, one line each, under the row. */
function CommandsRow({
  entry,
  commands,
}: {
  entry: AuditEntry;
  commands: readonly AuditCommand[];
}) {
  const { t } = useT();
  return (
    <tr
      className="border-t border-dashed border-border bg-surface-2/60"
      data-testid="audit-commands"
    >
      <td colSpan={COLUMNS} className="px-3 py-2">
        <ol className="flex flex-col gap-1">
          {commands.map((c, i) => (
            <li key={i} className="flex flex-wrap items-baseline gap-x-2 font-mono text-xs">
              <span className="tnum text-fg-subtle">{i + 1}.</span>
              <span className="text-fg-muted">{c.nodeId}</span>
              <code className="break-all text-fg">{c.command}</code>
              {c.state && (
                <span className={stateClass(c.state)}>
                  [{isStepState(c.state) ? t(`actions.stepState.${c.state}`) : c.state}]
                </span>
              )}
              {c.result && <span className="break-all text-fg-muted">→ {c.result}</span>}
              {c.error && <DriverError message={c.error} className="text-crit" />}
            </li>
          ))}
        </ol>
        {entry.runId && (
          <code className="mt-1 block font-mono text-[11px] text-fg-subtle">{entry.runId}</code>
        )}
      </td>
    </tr>
  );
}

export function AuditRow({
  entry,
  earlier = [],
  actionTitle,
  isBroken,
  isHighlighted,
}: {
  entry: AuditEntry;
  /** The run's older entries (started, approved), folded into this row. */
  earlier?: readonly AuditEntry[];
  actionTitle: string;
  isBroken: boolean;
  isHighlighted: boolean;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(isHighlighted);
  const commands = auditCommands(entry);
  return (
    <Fragment>
      <tr
        data-testid="audit-row"
        data-id={entry.id}
        data-kind={entry.kind}
        data-outcome={auditOutcome(entry)}
        data-run-id={entry.runId ?? undefined}
        data-broken={isBroken ? 'true' : undefined}
        className={`border-t border-border align-top ${isBroken ? 'bg-crit-bg' : isHighlighted ? 'bg-accent/5' : 'hover:bg-surface-2'}`}
      >
        <WhenCell entry={entry} earlier={earlier} isBroken={isBroken} />
        <WhoCell entry={entry} />
        <td className="px-3 py-2">
          <span className="block text-sm">{actionTitle}</span>
          <code className="font-mono text-[11px] text-fg-subtle">{entry.action}</code>
        </td>
        <td className="px-3 py-2">
          <NodeLink nodeId={entry.target} />
        </td>
        <td className="max-w-0 px-3 py-2 text-sm">
          {entry.reason ? (
            <span className="block break-words" title={entry.reason}>
              {entry.reason}
            </span>
          ) : (
            <span className="text-fg-subtle">—</span>
          )}
        </td>
        <OutcomeCell entry={entry} earlier={earlier} />
        <td className="px-3 py-2 text-right">
          {commands.length > 0 && (
            <button
              type="button"
              className="btn-ghost focus-ring whitespace-nowrap"
              aria-expanded={open}
              onClick={() => setOpen((v) => !v)}
              data-testid="audit-commands-toggle"
            >
              {t('audit.commands', { n: commands.length })}
              <ChevronDownIcon
                className={`h-3.5 w-3.5 transition-transform ${open ? 'rotate-180' : ''}`}
              />
            </button>
          )}
        </td>
      </tr>
      {open && commands.length > 0 && <CommandsRow entry={entry} commands={commands} />}
    </Fragment>
  );
}
