// Theme constants shared by the server layout (initial class) and the client switch.
export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];
export const DEFAULT_THEME: Theme = 'dark';
/** Cookie and localStorage key holding the chosen theme. */
export const THEME_STORAGE_KEY = 'replicaops-theme';

export function isTheme(value: unknown): value is Theme {
  return value === 'dark' || value === 'light';
}

/**
 * Runs in <head> before first paint. The server already rendered the cookie's theme; this only
 * matters when the cookie is gone but localStorage remembers a choice (no flash either way).
 */
export const THEME_INIT_SCRIPT = `(function(){try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t!=='dark'&&t!=='light')return;var c=document.documentElement.classList;c.toggle('dark',t==='dark');document.documentElement.style.colorScheme=t;document.cookie='${THEME_STORAGE_KEY}='+t+'; path=/; max-age=31536000; samesite=lax';}catch(e){}})();`;
