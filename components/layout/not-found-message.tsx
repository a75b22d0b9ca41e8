'use client';
import Link from 'next/link';
import { useT } from '@/components/i18n/i18n-provider';

export function NotFoundMessage() {
  const { t } = useT();
  return (
    <div className="panel mx-auto mt-16 max-w-lg p-8 text-center">
      <h1 className="text-xl font-semibold">{t('notFound.title')}</h1>
      <p className="mt-2 text-fg-muted">{t('notFound.body')}</p>
      <Link href="/" className="btn-ghost mt-6">
        {t('notFound.back')}
      </Link>
    </div>
  );
}
