/**
 * Errors are values with a kind the UI maps to one sentence (ui/error-text.ts). Each backend maps its
 * server's failures into these kinds in one place: rocketchat/errors.ts, amazon-connect/errors.ts.
 */

export type ChatErrorKind =
  | 'invalid-params'
  | 'invalid-email'
  | 'unauthorized'
  | 'not-found'
  | 'room-closed'
  | 'no-agent'
  | 'disabled'
  | 'too-long'
  | 'rate-limited'
  /** A limit of the service was reached (Amazon Connect's ServiceQuotaExceeded). */
  | 'quota'
  | 'network'
  | 'cors'
  | 'timeout'
  | 'server'
  /** The server answered `{ success: false }` with no reason (Rocket.Chat does this for a duplicate message id). */
  | 'rejected'
  /** A file larger than the server accepts. */
  | 'file-too-large'
  /** A file of a type the server refuses. */
  | 'file-type';

export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
  }

  /** Worth trying again by itself later (as opposed to needing the visitor to change something). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate-limited';
  }
}

export function isChatError(e: unknown): e is ChatError {
  // Match on name too: errors can cross realms (iframes, tests) where instanceof fails.
  return e instanceof ChatError || (e instanceof Error && e.name === 'ChatError' && 'kind' in e);
}

/** Any failure as a ChatError (an unexpected throw is a server error, in its own words). */
export function asChatError(e: unknown): ChatError {
  return isChatError(e) ? e : new ChatError('server', e instanceof Error ? e.message : String(e));
}
