'use client';
// Every INFO replication field, in Redis' order, with its meaning and a health check.
import Link from 'next/link';
import { fieldDoc } from '@/lib/info/field-docs';
import { useT } from '@/components/i18n/i18n-provider';
import { TableHead } from '@/components/ui/data-table';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { nodeHref } from '@/components/topology/node-card';
import { OkIcon } from '@/components/ui/icons';
import { InfoValue } from './info-value-cell';
import { replicaStateText } from '@/components/i18n/code-labels';
import {
  checkReplicationField,
  isReplicaLineField,
  parseReplicaLine,
  type FieldCheck,
} from './field-health';

function useFieldMeaning() {
  const { t, locale } = useT();
  return (name: string) => {
    const doc = fieldDoc(name);
    if (!doc) return { meaning: t('replTable.noDoc'), healthy: undefined, hasDoc: false };
    const zh = locale === 'zh-CN';
    return {
      meaning: zh ? doc.zh : doc.en,
      healthy: zh ? doc.healthyZh : doc.healthyEn,
      hasDoc: true,
    };
  };
}

function ReplicaLineValue({
  value,
  upstreamOffset,
  knownIds,
}: {
  value: string;
  upstreamOffset: number | null;
  knownIds: ReadonlySet<string>;
}) {
  const { t, fmt } = useT();
  const line = parseReplicaLine(value);
  if (!line) return <span className="break-all font-mono">{value}</span>;
  const id = line.port !== null ? `${line.ip}:${line.port}` : line.ip;
  const behind =
    upstreamOffset !== null && line.offset !== null ? upstreamOffset - line.offset : null;
  const stateTone = line.state === 'online' ? 'text-ok' : 'text-warn';
  const item = (label: string, content: React.ReactNode) => (
    <span className="flex items-baseline gap-1">
      <span className="text-[11px] uppercase tracking-wide text-fg-subtle">{label}</span>
      <span className="tnum font-mono text-fg">{content}</span>
    </span>
  );
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="replica-line">
        {item(
          t('slave.address'),
          knownIds.has(id) ? (
            <Link href={nodeHref(id)} className="focus-ring rounded text-accent hover:underline">
              {id}
            </Link>
          ) : (
            id
          ),
        )}
        {item(
          t('slave.state'),
          <span className={`font-semibold ${stateTone}`} title={line.state}>
            {replicaStateText(line.state, t)}
          </span>,
        )}
        {item(t('slave.offset'), fmt.number(line.offset))}
        {item(t('slave.lag'), fmt.seconds(line.lag))}
        {behind !== null && item(t('slave.gap'), fmt.bytes(behind))}
      </div>
      <code className="break-all font-mono text-[11px] text-fg-subtle">{value}</code>
    </div>
  );
}

/** The verdict cell: unknown while stale, the problem found (icon + words), or "normal". */
function CheckCell({ check, isStale }: { check: FieldCheck | null; isStale: boolean }) {
  const { t } = useT();
  if (isStale)
    return (
      <span className="flex items-center gap-1.5 text-fg-subtle" data-testid="field-stale">
        {t('value.unknown')}
      </span>
    );
  if (!check)
    return (
      <span className="flex items-center gap-1.5 text-fg-subtle">
        <OkIcon className="h-4 w-4" />
        {t('replTable.normal')}
      </span>
    );
  return (
    <span className={`flex items-start gap-1.5 font-semibold ${STATUS_TONE[check.status].text}`}>
      <StatusIcon status={check.status} className="mt-0.5 h-4 w-4 shrink-0" />
      <span>
        {t(
          check.key,
          typeof check.params?.state === 'string'
            ? { ...check.params, state: replicaStateText(check.params.state, t) }
            : check.params,
        )}
      </span>
    </span>
  );
}

function ReplicationRow({
  name,
  value,
  fields,
  masterOffset,
  knownIds,
  isStale,
}: {
  name: string;
  value: string;
  fields: Readonly<Record<string, string>>;
  masterOffset: number | null;
  knownIds: ReadonlySet<string>;
  isStale: boolean;
}) {
  const meaningOf = useFieldMeaning();
  const check = isStale ? null : checkReplicationField(name, value, fields);
  const tone = check ? STATUS_TONE[check.status] : null;
  const doc = meaningOf(name);
  return (
    <tr
      data-testid="info-field-row"
      data-field={name}
      data-abnormal={check ? check.status : undefined}
      className={`align-top ${tone ? tone.bg : ''} ${isStale ? 'text-fg-subtle opacity-60' : ''}`}
    >
      <th scope="row" className="px-4 py-2 text-left font-mono font-medium text-fg">
        <code>{name}</code>
      </th>
      <td className={`px-4 py-2 ${tone ? `font-semibold ${tone.text}` : ''}`}>
        {isReplicaLineField(name) ? (
          <ReplicaLineValue value={value} upstreamOffset={masterOffset} knownIds={knownIds} />
        ) : (
          <InfoValue field={name} value={value} />
        )}
      </td>
      <td className="px-4 py-2">
        <span className={doc.hasDoc ? 'text-fg' : 'italic text-fg-subtle'}>{doc.meaning}</span>
        {doc.healthy && <span className="mt-0.5 block text-xs text-fg-subtle">{doc.healthy}</span>}
      </td>
      <td className="px-4 py-2">
        <CheckCell check={check} isStale={isStale} />
      </td>
    </tr>
  );
}

export function ReplicationTable({
  fields,
  knownIds,
  isStale = false,
}: {
  fields: Readonly<Record<string, string>> | undefined;
  knownIds: ReadonlySet<string>;
  /**
   * The node does not answer: values are its last good poll, greyed, with no verdict (a link
   * "up" minutes ago is not healthy now). Its replica lines are left out: who replicates from it
   * now is in the live downstream card, not in its last INFO.
   */
  isStale?: boolean;
}) {
  const { t } = useT();
  const entries = Object.entries(fields ?? {}).filter(
    ([name]) => !(isStale && isReplicaLineField(name)),
  );
  const masterOffset =
    fields?.master_repl_offset !== undefined ? Number(fields.master_repl_offset) : null;
  return (
    <section
      className="panel min-w-0 overflow-hidden"
      aria-labelledby="repl-table-title"
      data-testid="replication-table"
      data-stale={isStale ? 'true' : undefined}
    >
      <header className="border-b border-border px-4 py-3">
        <h2 id="repl-table-title" className="panel-title">
          {t('replTable.title')}
        </h2>
        <p className="mt-0.5 text-xs text-fg-subtle">{t('replTable.caption')}</p>
      </header>
      {entries.length === 0 ? (
        <p className="px-4 py-6 text-sm text-fg-muted">{t('replTable.empty')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[760px] text-sm">
            <TableHead
              className="bg-surface-2 text-left text-xs uppercase tracking-wide text-fg-muted"
              rowClassName=""
              padding="px-4 py-2"
              columns={[
                { header: t('replTable.field'), width: 'w-64' },
                { header: t('replTable.value') },
                { header: t('replTable.meaning') },
                { header: t('replTable.check'), width: 'w-56' },
              ]}
            />
            <tbody className="divide-y divide-border">
              {entries.map(([name, value]) => (
                <ReplicationRow
                  key={name}
                  name={name}
                  value={value}
                  fields={fields ?? {}}
                  masterOffset={masterOffset}
                  knownIds={knownIds}
                  isStale={isStale}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
