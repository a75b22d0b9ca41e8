import type { ApiErrorCode } from '../../lib/contracts';

/** A refusal the user can act on; the HTTP layer maps `code` to its status. */
export class ActionError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}
