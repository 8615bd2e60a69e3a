/**
 * Turns whatever an API call threw into one plain line for the page: the HTTP status and Rocket.Chat's
 * own error fields for an `AgentApiError`, `reason`/`message` for a DDP method error, else the message.
 */
import { AgentApiError } from '../../shared/rocketchat/agent-client.ts';

export interface ErrorReport {
  /** One line, e.g. "HTTP 400 · error-comment-is-required". */
  summary: string;
  /** The server's body as sent, for a details disclosure (untrusted: render as text only). */
  body?: string;
}

function field(value: unknown, key: string): string | undefined {
  if (value && typeof value === 'object' && key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

export function describeError(e: unknown): ErrorReport {
  if (e instanceof AgentApiError) {
    const b = e.body;
    const parts = [b?.error, b?.reason, b?.message].filter((p, i, all): p is string => !!p && all.indexOf(p) === i);
    return {
      summary: [`HTTP ${e.status}`, ...parts].join(' · ') || `HTTP ${e.status}`,
      ...(b ? { body: JSON.stringify(b, null, 2) } : {}),
    };
  }
  if (e instanceof Error) return { summary: e.message || e.name };
  const ddp = field(e, 'reason') ?? field(e, 'message') ?? field(e, 'error');
  if (ddp) return { summary: ddp, body: JSON.stringify(e, null, 2) };
  return { summary: String(e) };
}

/** A failure with what was being attempted, e.g. "Couldn't send the message". */
export interface ActionError extends ErrorReport {
  action: string;
}

export function actionError(action: string, e: unknown): ActionError {
  return { action, ...describeError(e) };
}
