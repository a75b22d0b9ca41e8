// A Markdown postmortem from an incident and its timeline: what a team lead would send the
// morning after. Pure: the server only adds the download headers.
import type { Evidence, Finding, IncidentDetail, TimelineEntry } from '../contracts';

function iso(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function evidenceLine(e: Evidence): string {
  switch (e.type) {
    case 'field':
      return `\`${e.nodeId}\` INFO ${e.section} \`${e.field}:${e.value}\``;
    case 'delta':
      return `\`${e.nodeId}\` ${e.field} ${e.from} → ${e.to} in ${formatDuration(e.windowMs)}`;
    case 'metric':
      return `\`${e.nodeId}\` ${e.metric} = ${e.value ?? 'n/a'}${e.unit ? ` ${e.unit}` : ''}${e.threshold !== undefined ? ` (threshold ${e.threshold})` : ''}`;
    case 'config':
      return `\`${e.nodeId}\` config \`${e.name} ${e.value}\``;
    case 'event':
      return `${iso(e.event.at)} \`${e.event.nodeId}\` ${e.event.kind}${e.event.from || e.event.to ? ` (${e.event.from ?? '–'} → ${e.event.to ?? '–'})` : ''}`;
    case 'log':
      return `\`${e.nodeId}\` log${e.count && e.count > 1 ? ` ×${e.count}` : ''}: \`${e.message}\``;
    case 'note':
      return e.text.en;
  }
}

/** Timeline times keep milliseconds: a kill, the replicas' log lines and the finding often share a second. */
function isoMs(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/Z$/, '');
}

function timelineLine(t: TimelineEntry): string {
  const who = t.actor === 'system' ? '' : ` — *${t.actor}*`;
  // Two replicas print the same line: say whose log it is.
  const node = t.type === 'log_line' && typeof t.data.nodeId === 'string' ? `\`${t.data.nodeId}\` ` : '';
  return `| ${isoMs(t.at)} | ${t.type.replace(/_/g, ' ')} | ${node}${t.summary.replace(/\|/g, '\\|').replace(/\n/g, ' ')}${who} |`;
}

/** A log line's identity: the same line from the same node at the same time is one line. */
const logKey = (nodeId: unknown, time: unknown, message: string) => `${String(nodeId)}|${String(time)}|${message}`;

/** Each log line once: the timeline's copies, then a finding's own evidence only if new. */
function dedupeTimeline(timeline: TimelineEntry[], told: Set<string>): TimelineEntry[] {
  return timeline.filter((t) => {
    if (t.type !== 'log_line') return true;
    const k = logKey(t.data.nodeId, t.at, t.summary);
    if (told.has(k)) return false;
    told.add(k);
    // Evidence lines carry the line's own time, which may be null: match by node and text too.
    told.add(logKey(t.data.nodeId, '', t.summary));
    return true;
  });
}

function findingBlock(f: Finding, told: Set<string>): string[] {
  const evidence = f.evidence.filter((e) => {
    if (e.type !== 'log') return true;
    const k = logKey(e.nodeId, '', e.message);
    if (told.has(k)) return false;
    told.add(k);
    return true;
  });
  const lines = [
    `### ${f.title.en}`,
    '',
    `- Kind: \`${f.kind}\`${f.cause ? `, cause \`${f.cause}\`` : ''}${f.rule ? `, rule \`${f.rule}\`` : ''} — severity **${f.severity}**`,
    `- Subject: ${f.link ? `link \`${f.link.replica}\` ← \`${f.link.upstream}\`` : `\`${f.nodeId ?? 'topology'}\``}`,
    `- Open ${iso(f.openedAt)} → ${f.resolvedAt ? iso(f.resolvedAt) : 'still open'}`,
    `- ${f.detail.en}`,
    '',
    'Evidence:',
    ...evidence.map((e) => `- ${evidenceLine(e)}`),
    ...(evidence.length < f.evidence.length ? [`- (${f.evidence.length - evidence.length} log line(s) shown above)`] : []),
    '',
    `Remedy: ${f.remedy.text}${f.remedy.actionId ? ` (guarded action \`${f.remedy.actionId}\`)` : ''}`,
    '',
  ];
  return lines;
}

/**
 * One follow-up per remedy: the same advice for five replicas of a dead master is one line
 * naming the others, not five lines that differ by an address.
 */
function followUps(findings: Finding[]): string[] {
  const groups = new Map<string, { text: string; others: string[] }>();
  for (const f of findings) {
    const subject = f.link?.replica ?? f.nodeId;
    const key = `${f.kind}|${subject ? f.remedy.text.split(subject).join('\u0000') : f.remedy.text}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { text: f.remedy.text, others: [] });
    else if (subject && !g.others.includes(subject)) g.others.push(subject);
  }
  return [...groups.values()].map((g) => (g.others.length ? `${g.text} (likewise for ${g.others.map((n) => `\`${n}\``).join(', ')})` : g.text));
}

export function renderPostmortem(inc: IncidentDetail, now = Date.now()): string {
  const firstFinding = inc.findings.reduce<number | undefined>((min, f) => (min === undefined || f.openedAt < min ? f.openedAt : min), undefined);
  const firstEvent = inc.timeline.find((t) => t.type === 'topology_event')?.at;
  const faultAt = Math.min(firstEvent ?? Infinity, firstFinding ?? Infinity, inc.openedAt);
  const end = inc.resolvedAt ?? now;
  const actions = inc.timeline.filter((t) => t.type === 'action' || t.type === 'note' || (t.type === 'state_changed' && t.actor !== 'system'));
  const nodes = [...new Set([inc.rootNodeId, ...inc.nodeIds].filter(Boolean))];
  const told = new Set<string>();
  const timeline = dedupeTimeline(inc.timeline, told);
  return [
    `# Postmortem: ${inc.title}`,
    '',
    `Incident \`${inc.id}\` · severity **${inc.severity}** · state **${inc.state}**${inc.tags.length ? ` · tags ${inc.tags.join(', ')}` : ''}`,
    '',
    '## Summary',
    '',
    `${inc.findings.length} finding(s) on ${nodes.length} node(s)${inc.rootNodeId ? `, rooted at \`${inc.rootNodeId}\`` : ''}: ${inc.findings.map((f) => f.title.en).join('; ') || 'none recorded'}.`,
    '',
    '## Impact window',
    '',
    `| | time |`,
    `|---|---|`,
    `| first sign | ${iso(faultAt)} |`,
    `| incident opened (detected) | ${iso(inc.openedAt)} |`,
    `| acknowledged | ${iso(inc.acknowledgedAt)}${inc.acknowledgedBy ? ` by ${inc.acknowledgedBy}` : ''} |`,
    `| resolved | ${iso(inc.resolvedAt)}${inc.resolvedBy ? ` by ${inc.resolvedBy}` : ''} |`,
    '',
    `- Time to detect: ${formatDuration(Math.max(0, inc.openedAt - faultAt))}`,
    `- Time to acknowledge: ${inc.acknowledgedAt ? formatDuration(inc.acknowledgedAt - inc.openedAt) : '—'}`,
    `- Time to recover: ${inc.resolvedAt ? formatDuration(inc.resolvedAt - faultAt) : `not recovered (open for ${formatDuration(end - faultAt)})`}`,
    `- Nodes involved: ${nodes.map((n) => `\`${n}\``).join(', ') || '—'}`,
    '',
    '## Timeline',
    '',
    '| time (UTC) | type | what |',
    '|---|---|---|',
    ...timeline.map(timelineLine),
    '',
    '## Findings and evidence',
    '',
    ...inc.findings.flatMap((f) => findingBlock(f, told)),
    '## Actions taken',
    '',
    ...(actions.length ? actions.map((a) => `- ${iso(a.at)} — ${a.actor}: ${a.summary}`) : ['- None recorded.']),
    '',
    '## Follow-ups',
    '',
    ...followUps(inc.findings).map((t) => `- [ ] ${t}`),
    '- [ ] Root cause analysed and written down (SOP step 6)',
    '- [ ] Permanent fix planned (SOP step 7)',
    '- [ ] Runbook / monitoring updated (SOP step 8)',
    '',
    `_Exported by ReplicaOps ${iso(now)}._`,
    '',
  ].join('\n');
}
