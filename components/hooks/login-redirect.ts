// Sends the browser to the login page, remembering where it was (auth on, session gone).
import { loginPath } from '@/components/auth/safe-next';

export function redirectToLogin(): void {
  if (typeof window === 'undefined') return;
  const { pathname, search, hash } = window.location;
  if (pathname === '/login') return; // already there: never loop
  window.location.assign(loginPath(`${pathname}${search}${hash}`));
}
