'use client';
// Every other INFO section as a collapsible raw table (closed by default).
import { fieldDoc } from '@/lib/info/field-docs';
import { InfoValue } from './info-value-cell';
import { useT } from '@/components/i18n/i18n-provider';
import { ChevronRightIcon } from '@/components/ui/icons';

export function RawSections({
  info,
  exclude = ['replication'],
  isStale = false,
}: {
  info: Readonly<Record<string, Record<string, string>>>;
  exclude?: readonly string[];
  /** Values from the last good poll of a node that does not answer now: shown greyed. */
  isStale?: boolean;
}) {
  const { t, locale } = useT();
  const sections = Object.entries(info).filter(([name]) => !exclude.includes(name.toLowerCase()));
  if (sections.length === 0) return null;
  return (
    <section className={`panel overflow-hidden ${isStale ? 'opacity-60' : ''}`} aria-labelledby="raw-title" data-stale={isStale ? 'true' : undefined}>
      <h2 id="raw-title" className="panel-title border-b border-border px-4 py-3">
        {t('raw.title')}
      </h2>
      <div className="divide-y divide-border">
        {sections.map(([name, fields]) => {
          const entries = Object.entries(fields);
          return (
            <details key={name} className="group" data-testid="info-section" data-section={name}>
              <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-2.5 hover:bg-surface-2 [&::-webkit-details-marker]:hidden">
                <ChevronRightIcon className="h-4 w-4 text-fg-muted transition-transform group-open:rotate-90" />
                <span className="font-mono text-sm font-semibold capitalize text-fg">{name}</span>
                <span className="text-xs text-fg-subtle">
                  {t('raw.fields', { n: entries.length })}
                </span>
              </summary>
              <div className="overflow-x-auto border-t border-border">
                <table className="w-full text-sm">
                  <tbody className="divide-y divide-border">
                    {entries.map(([field, value]) => {
                      const doc = fieldDoc(field);
                      return (
                        <tr key={field} className="align-top">
                          <th
                            scope="row"
                            className="w-72 px-4 py-1.5 text-left font-mono font-medium text-fg"
                          >
                            <code>{field}</code>
                          </th>
                          <td className="px-4 py-1.5 text-fg">
                            <InfoValue field={field} value={value} />
                          </td>
                          <td className="px-4 py-1.5 text-xs text-fg-muted">
                            {doc ? (locale === 'zh-CN' ? doc.zh : doc.en) : ''}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </details>
          );
        })}
      </div>
    </section>
  );
}
