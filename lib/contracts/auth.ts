// Who is signed in (`GET /api/auth/me`) and the logout answer (docs/api.md "Who may call what").
import { z } from 'zod';

export const UserRoleSchema = z.enum(['viewer', 'operator', 'admin']);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** GET /api/auth/me; `user` is null when no valid session or token came with the request. */
export const MeSchema = z.object({
  authEnabled: z.boolean(),
  readOnly: z.boolean(),
  user: z
    .object({
      username: z.string(),
      role: UserRoleSchema,
      /** `none`: authentication is off and everyone is the local admin. */
      via: z.enum(['session', 'token', 'none']),
    })
    .nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/** POST /api/auth/logout: the session is revoked and its cookie cleared. */
export const LogoutResponseSchema = z.object({ ok: z.literal(true) });
