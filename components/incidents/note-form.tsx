'use client';
// Operator notes: appended to the timeline with the operator's name.
import { useState } from 'react';
import type { TimelineEntry } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage } from '@/components/hooks/api-client';
import { addIncidentNote } from '@/components/hooks/incidents-api';
import { canOperate, useMe } from '@/components/hooks/use-me';
import { NoteIcon } from '@/components/findings/icons';
import type { OperatorPrompt } from './operator-prompt';

const MAX_NOTE = 5000;

/** The note being typed and its submission: asks for the operator's name first, once. */
function useNoteDraft(
  incidentId: string,
  operator: OperatorPrompt,
  isViewer: boolean,
  onAdded: (entry: TimelineEntry) => void,
) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = text.trim();

  const submit = async () => {
    if (!trimmed || busy || isViewer) return;
    const actor = await operator.ensureName();
    if (!actor) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(await addIncidentNote(incidentId, trimmed, actor));
      setText('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { text, setText, trimmed, busy, error, submit };
}

export function NoteForm({
  incidentId,
  operator,
  onAdded,
}: {
  incidentId: string;
  operator: OperatorPrompt;
  onAdded: (entry: TimelineEntry) => void;
}) {
  const { t } = useT();
  const { me } = useMe();
  const isViewer = me !== null && !canOperate(me);
  const { text, setText, trimmed, busy, error, submit } = useNoteDraft(
    incidentId,
    operator,
    isViewer,
    onAdded,
  );

  return (
    <form
      className="panel flex flex-col gap-2 p-4"
      data-testid="note-form"
      aria-labelledby="note-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="note-title" className="panel-title">
        {t('notes.title')}
      </h2>
      <textarea
        name="note"
        rows={3}
        maxLength={MAX_NOTE}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void submit();
          }
        }}
        placeholder={t('notes.placeholder')}
        aria-label={t('notes.title')}
        data-testid="note-input"
        className="focus-ring w-full resize-y rounded-md border border-border bg-surface-2 px-3 py-2 text-sm text-fg placeholder:text-fg-subtle"
      />
      {error && (
        <p className="text-sm text-crit" role="alert">
          {t('notes.error', { message: error })}
        </p>
      )}
      <div className="flex items-center justify-end gap-3">
        <span className="text-[11px] text-fg-subtle">
          {isViewer && me?.user
            ? t('auth.needsOperator', { role: t(`auth.role.${me.user.role}`) })
            : 'Ctrl/⌘ + Enter'}
        </span>
        <button
          type="submit"
          disabled={!trimmed || busy || isViewer}
          data-testid="note-submit"
          className="focus-ring inline-flex h-8 items-center gap-1.5 rounded-md bg-accent px-3 text-xs font-semibold text-white disabled:cursor-not-allowed disabled:opacity-40"
        >
          <NoteIcon className="h-4 w-4" />
          {busy ? t('incident.saving') : t('notes.submit')}
        </button>
      </div>
    </form>
  );
}
