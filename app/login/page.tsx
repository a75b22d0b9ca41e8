// Login (served without a session when auth is on). `next` is checked here, once, so the form
// can only send the operator back to a path on this site.
import { LoginPage } from '@/components/auth/login-page';
import { safeNextPath } from '@/components/auth/safe-next';

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  return <LoginPage next={safeNextPath(next)} />;
}
