// Webhook bodies. `json` carries the whole finding (both languages) for programs; `slack` is a
// Slack-compatible `{ text, blocks }` message for people, in English. Both pass the shared
// sanitizer: a finding's evidence may quote config or log text.
import type { Finding, Severity, WebhookDelivery } from '../../lib/contracts';
import { redactDeep } from '../../lib/redact';
import { latestAnchor, type PublishedAnchor } from '../audit/anchor-board';

export type WebhookEvent = WebhookDelivery['event'];
export type WebhookFormat = 'json' | 'slack';

export interface PayloadInput {
  event: WebhookEvent;
  finding: Finding;
  /** The severity the receiver last heard, for `finding_severity_changed`. */
  previousSeverity?: Severity;
  sentAt: number;
}

export function buildPayload(format: WebhookFormat, input: PayloadInput): string {
  return JSON.stringify(format === 'slack' ? slackPayload(input) : jsonPayload(input));
}

export function jsonPayload({ event, finding, previousSeverity, sentAt }: PayloadInput) {
  return {
    event,
    finding: redactDeep(finding),
    ...(previousSeverity ? { previousSeverity } : {}),
    sentAt,
    source: 'replicaops' as const,
    // The audit chain's head as of now: a copy outside the data dir that a rollback cannot reach.
    ...auditAnchorField(),
  };
}

function auditAnchorField(): { auditAnchor?: PublishedAnchor } {
  const a = latestAnchor();
  return a ? { auditAnchor: a } : {};
}

const EMOJI: Record<Severity, string> = { critical: '🔴', warning: '🟡', info: '🔵' };
// Slack rejects a section text over 3000 characters and a field over 2000.
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

/** Slack mrkdwn treats &, < and > as control characters (links, mentions). */
function esc(text: string, max = SECTION_MAX): string {
  const clipped = text.length > max - 20 ? `${text.slice(0, max - 21)}…` : text;
  return clipped.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function subject(f: Finding): string {
  if (f.link) return `${f.link.replica} → ${f.link.upstream}`;
  return f.nodeId ?? 'topology';
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${m % 60}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

function headline({ event, finding: f, previousSeverity }: PayloadInput): string {
  if (event === 'finding_resolved')
    return `🟢 RESOLVED: ${f.title.en}${f.resolvedAt ? ` (after ${formatDuration(f.resolvedAt - f.openedAt)})` : ''}`;
  if (event === 'finding_severity_changed')
    return `${EMOJI[f.severity]} ${f.severity.toUpperCase()}: ${f.title.en} (was ${previousSeverity ?? 'unknown'})`;
  return `${EMOJI[f.severity]} ${f.severity.toUpperCase()}: ${f.title.en}`;
}

function anchorNote(): string {
  const a = latestAnchor();
  return a ? ` · audit ${a.entries} entries, #${a.lastId} ${a.head}` : '';
}

export function slackPayload(input: PayloadInput) {
  const f = input.finding;
  const head = headline(input);
  const fields = [
    { type: 'mrkdwn', text: `*Node*\n${esc(subject(f), FIELD_MAX)}` },
    { type: 'mrkdwn', text: `*Kind*\n${esc(f.kind, FIELD_MAX)}` },
    ...(f.cause ? [{ type: 'mrkdwn', text: `*Cause*\n${esc(f.cause, FIELD_MAX)}` }] : []),
    ...(f.incidentId
      ? [{ type: 'mrkdwn', text: `*Incident*\n${esc(f.incidentId, FIELD_MAX)}` }]
      : []),
  ];
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: esc(`*${head}*\n${f.detail.en}`) } },
    { type: 'section', fields },
  ];
  // Once it is resolved, the remedy is history; the message says only that it recovered.
  if (input.event !== 'finding_resolved' && f.remedy.text)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: esc(`*What to do*\n${f.remedy.text}`) },
    });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: esc(
          `ReplicaOps · finding ${f.id} · ${new Date(input.sentAt).toISOString()}${anchorNote()}`,
        ),
      },
    ],
  });
  return redactDeep({ text: esc(`${head} — ${subject(f)}`), blocks });
}
