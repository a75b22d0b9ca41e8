'use client';
// The login form: user name and password; a wrong pair or too many tries say so (with the wait),
// success goes to `next` (already checked to be a path on this site) with a full page load.
import { useState, useSyncExternalStore } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { login } from '@/components/hooks/auth-api';
import { useMe } from '@/components/hooks/use-me';
import { useNow } from '@/components/hooks/use-now';
import { LogoIcon, WarningIcon } from '@/components/ui/icons';

type LoginError =
  | { kind: 'invalid' | 'auth_off' }
  /** The server counts failures per address and user name: the wait holds for that name only. */
  | { kind: 'rate_limited'; until: number; username: string }
  | { kind: 'failed'; message: string };

const noop = () => () => undefined;
/** False during server rendering and hydration: the form only submits once React handles it. */
function useIsHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

const INPUT =
  'focus-ring h-10 rounded-md border border-border bg-surface-2 px-3 text-sm text-fg hover:border-border-strong';
const LABEL = 'text-xs font-semibold uppercase tracking-wide text-fg-muted';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1.5">
      <span className={LABEL}>{label}</span>
      {children}
    </label>
  );
}

function Notice({ children, href, cta }: { children: React.ReactNode; href: string; cta: string }) {
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-border bg-surface-2 px-3 py-2.5 text-sm text-fg"
      role="status"
    >
      <span>{children}</span>
      <a href={href} className="focus-ring w-fit rounded font-semibold text-accent hover:underline">
        {cta}
      </a>
    </div>
  );
}

/** The form's state and its one request; a refused pair keeps the name and clears the password. */
function useLogin(next: string) {
  const now = useNow();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);

  const waitS =
    error?.kind === 'rate_limited' && error.username === username.toLowerCase()
      ? Math.max(0, Math.ceil((error.until - now) / 1000))
      : 0;
  const shownError = error?.kind === 'rate_limited' && waitS === 0 ? null : error;

  const submit = async () => {
    if (isBusy || waitS > 0 || !username || !password) return;
    setIsBusy(true);
    setError(null);
    const r = await login(username, password);
    if (r.ok) {
      window.location.assign(next); // keep the button busy while the page loads
      return;
    }
    setIsBusy(false);
    if (r.reason === 'rate_limited')
      setError({
        kind: 'rate_limited',
        until: Date.now() + r.retryAfterS * 1000,
        username: username.toLowerCase(),
      });
    else if (r.reason === 'error') setError({ kind: 'failed', message: r.message });
    else {
      setError({ kind: r.reason });
      if (r.reason === 'invalid') setPassword('');
    }
  };
  return { username, setUsername, password, setPassword, isBusy, waitS, shownError, submit };
}

function ErrorLine({ error, waitS }: { error: LoginError | null; waitS: number }) {
  const { t } = useT();
  const message =
    error?.kind === 'invalid'
      ? t('login.invalid')
      : error?.kind === 'rate_limited'
        ? t('login.rateLimited', { seconds: waitS })
        : error?.kind === 'auth_off'
          ? t('login.authOff')
          : error?.kind === 'failed'
            ? t('login.failed', { message: error.message })
            : null;
  if (!message) return null;
  return (
    <p
      data-testid="login-error"
      data-reason={error?.kind}
      role="alert"
      className="flex items-start gap-2 rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit"
    >
      <WarningIcon className="mt-0.5 h-4 w-4 shrink-0" />
      <span className="tnum">{message}</span>
    </p>
  );
}

/** Nothing to sign in for (auth off) or already signed in: offer the way on. */
function SessionNotice({ next }: { next: string }) {
  const { t } = useT();
  const { me } = useMe();
  if (me && !me.authEnabled) {
    return (
      <Notice href={next} cta={t('login.continue')}>
        {t('login.authOff')}
      </Notice>
    );
  }
  if (me?.authEnabled && me.user) {
    return (
      <Notice href={next} cta={t('login.continue')}>
        {t('login.signedIn', { name: me.user.username })}
      </Notice>
    );
  }
  return null;
}

export function LoginPage({ next }: { next: string }) {
  const { t } = useT();
  const isHydrated = useIsHydrated();
  const form = useLogin(next);

  return (
    <div className="mx-auto mt-10 flex w-full max-w-sm flex-col gap-4 sm:mt-16">
      <div className="flex flex-col items-center gap-2 text-center">
        <LogoIcon className="h-10 w-10 text-accent" />
        <span className="text-xl font-semibold tracking-tight text-fg">{t('app.name')}</span>
        <span className="text-sm text-fg-muted">{t('app.tagline')}</span>
      </div>
      <form
        method="post"
        data-testid="login-form"
        aria-labelledby="login-title"
        className="panel flex flex-col gap-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <div className="flex flex-col gap-1">
          <h1 id="login-title" className="text-lg font-semibold text-fg">
            {t('login.title')}
          </h1>
          <p className="text-sm text-fg-muted">{t('login.subtitle')}</p>
        </div>
        <SessionNotice next={next} />
        <Field label={t('login.username')}>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={64}
            autoFocus
            value={form.username}
            onChange={(e) => form.setUsername(e.target.value)}
            className={INPUT}
          />
        </Field>
        <Field label={t('login.password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            value={form.password}
            onChange={(e) => form.setPassword(e.target.value)}
            className={INPUT}
          />
        </Field>
        <ErrorLine error={form.shownError} waitS={form.waitS} />
        <button
          type="submit"
          data-testid="login-submit"
          disabled={!isHydrated || form.isBusy || form.waitS > 0}
          className="focus-ring inline-flex h-10 items-center justify-center rounded-md bg-accent px-4 text-sm font-semibold text-white hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {form.isBusy ? t('login.submitting') : t('login.submit')}
        </button>
        {next !== '/' && (
          <p className="truncate text-center text-xs text-fg-subtle" title={next}>
            {t('login.next', { path: next })}
          </p>
        )}
      </form>
    </div>
  );
}
