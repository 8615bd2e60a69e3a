/**
 * The three ways Rocket.Chat's handlers throw, and the body its API wrapper makes of each
 * (contract §0.3). Handlers throw; `failureBody` is the one exit.
 */
import type { ErrorBody } from '../shared/rocketchat/wire.ts';

/** `throw new Error('invalid-token')` in Rocket.Chat: body `{ success:false, error:'invalid-token' }`. */
export class PlainError extends Error {
  constructor(code: string) {
    super(code);
    this.name = 'PlainError';
  }
}

/** `Meteor.Error(code, reason?, details?)`: message is `"Reason [code]"` or `"[code]"`. */
export class MeteorError extends Error {
  readonly error: string;
  readonly reason: string | undefined;
  readonly details: unknown;
  constructor(error: string, reason?: string, details?: unknown) {
    super(reason ? `${reason} [${error}]` : `[${error}]`);
    this.name = 'MeteorError';
    this.error = error;
    this.reason = reason;
    this.details = details;
  }
}

/** Meteor `check()` failure: `"Match error: …"`, no errorType. */
export class MatchError extends Error {
  constructor(detail: string) {
    super(`Match error: ${detail}`);
    this.name = 'MatchError';
  }
}

/** `API.v1.failure()` with no arguments: the body is only `{ success: false }`. */
export class BareFailure extends Error {
  constructor() {
    super('failure');
    this.name = 'BareFailure';
  }
}

/** A response that is not the usual JSON failure (401/403/404/429 and friends). */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
    this.name = 'HttpFailure';
  }
}

export function failureBody(e: unknown): ErrorBody {
  if (e instanceof MeteorError) {
    const body: ErrorBody = { success: false, error: e.message, errorType: e.error };
    if (e.details !== undefined) body.details = e.details;
    return body;
  }
  if (e instanceof BareFailure) return { success: false };
  if (e instanceof PlainError || e instanceof MatchError) return { success: false, error: e.message };
  // Anything else is a bug in the stand-in; Rocket.Chat would also answer 400 with the message.
  return { success: false, error: e instanceof Error ? e.message : String(e) };
}

/** Rocket.Chat 7.x body for routes that need a logged-in user. */
export const UNAUTHORIZED_BODY = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.',
} as const;

export const FORBIDDEN_BODY = {
  success: false,
  error: 'User does not have the permissions required for this action [error-unauthorized]',
} as const;

export const NOT_FOUND_BODY = { status: 'error', message: 'API endpoint does not exist' } as const;
