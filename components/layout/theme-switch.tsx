'use client';
// Dark/light toggle. The <html> class is the single source of truth; the switch observes it.
import { useSyncExternalStore } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { MoonIcon, SunIcon } from '@/components/ui/icons';
import { THEME_STORAGE_KEY, type Theme } from './theme';

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

function currentTheme(): Theme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // storage disabled: the cookie still carries the choice
  }
  document.cookie = `${THEME_STORAGE_KEY}=${theme}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeSwitch({ initialTheme }: { initialTheme: Theme }) {
  const { t } = useT();
  const theme = useSyncExternalStore(subscribe, currentTheme, () => initialTheme);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const label = t(next === 'light' ? 'theme.toLight' : 'theme.toDark');
  return (
    <button
      type="button"
      data-testid="theme-switch"
      data-theme={theme}
      onClick={() => applyTheme(next)}
      title={label}
      aria-label={label}
      className="btn-ghost h-8 w-8 justify-center p-0"
    >
      {theme === 'dark' ? <SunIcon className="h-4 w-4" /> : <MoonIcon className="h-4 w-4" />}
    </button>
  );
}
