/** `POST login`, `POST logout`, `GET me`, `POST users.setStatus`, `POST livechat/agent.status` (contract §10). */
import { randomId } from '../../../shared/rocketchat/random-id.ts';
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { HttpFailure, MeteorError } from '../../errors.ts';
import type { User, UserStatus } from '../../store/types.ts';
import { processWaitingQueue } from '../../livechat/queue.ts';
import { compile, maybeStr, object } from '../../validation/ajv.ts';
import { check, Match } from '../../validation/check.ts';

const LOGIN_FAILED = { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' } as const;
const STATUSES: readonly UserStatus[] = ['online', 'away', 'busy', 'offline'];

/** `users.setStatus`: a status, a status message, or both; `{}` fails the OneOf. */
const setStatusPattern = Match.OneOf(
  Match.ObjectIncluding({ status: Match.Maybe(String), message: String }),
  Match.ObjectIncluding({ status: String, message: Match.Maybe(String) }),
);

/** rest-typings `isPOSTLivechatAgentStatusProps`: the status is an enum, so a typo is `[invalid-params]`. */
const parseAgentStatusBody = compile<{ status?: 'available' | 'not-available'; agentId?: string }>(
  object({ status: { type: 'string', enum: ['available', 'not-available', null], nullable: true }, agentId: maybeStr }),
);

export function me(u: User) {
  return {
    _id: u._id,
    username: u.username,
    name: u.name,
    emails: u.emails,
    status: u.status,
    statusLivechat: u.statusLivechat,
    roles: u.roles,
  };
}

/** Rocket.Chat tells the visitors an agent serves when the agent's status changes (`agentStatus`). */
function notifyAgentStatus(store: StandinContext['store'], user: User): void {
  for (const room of store.rooms.values()) {
    if (room.open && room.servedBy?._id === user._id) store.emit('livechatRoom', room._id, { type: 'agentStatus', status: user.status });
  }
}

export function registerAuthRoutes(api: Api, { store }: StandinContext): void {
  api.post('login', {}, ({ body }) => {
    const b = (body ?? {}) as { user?: unknown; username?: unknown; email?: unknown; password?: unknown; resume?: unknown };
    let user: User | undefined;
    if (typeof b.resume === 'string') {
      user = [...store.users.values()].find((u) => u.authTokens.includes(b.resume as string));
    } else {
      const login = [b.user, b.username, b.email].find((v): v is string => typeof v === 'string');
      const candidate = login ? store.userByUsernameOrEmail(login) : undefined;
      if (candidate && typeof b.password === 'string' && candidate.password === b.password) user = candidate;
    }
    if (!user) throw new HttpFailure(401, LOGIN_FAILED);
    const authToken = typeof b.resume === 'string' ? b.resume : randomId(43);
    if (!user.authTokens.includes(authToken)) user.authTokens.push(authToken);
    return { status: 'success', data: { userId: user._id, authToken, me: me(user) } };
  });

  api.post('logout', { authRequired: true }, ({ user, headers }) => {
    const token = String(headers['x-auth-token'] ?? '');
    user!.authTokens = user!.authTokens.filter((t) => t !== token);
    store.emit('logout', user!._id);
    return { status: 'success', data: { message: "You've been logged out!" } };
  });

  api.get('me', { authRequired: true }, ({ user }) => me(user!));

  api.post('users.setStatus', { authRequired: true }, ({ user, body }) => {
    check(body, setStatusPattern);
    const { status } = body as { status?: string };
    if (status !== undefined) {
      if (!STATUSES.includes(status as UserStatus)) {
        throw new MeteorError('error-invalid-status', 'Valid status types include online, away, offline, and busy.', {
          method: 'users.setStatus',
        });
      }
      const changed = user!.status !== status;
      user!.status = status as UserStatus;
      if (changed) notifyAgentStatus(store, user!);
      if (changed) store.emit('presence', user!._id);
      if (changed && status !== 'offline') processWaitingQueue(store);
    }
    return {};
  });

  api.post('livechat/agent.status', { authRequired: true, role: 'livechat-agent' }, ({ user, body }) => {
    const { status } = parseAgentStatusBody(body);
    const u = user!;
    // No status toggles between available and not-available, as Rocket.Chat does.
    u.statusLivechat = status ?? (u.statusLivechat === 'available' ? 'not-available' : 'available');
    store.emit('presence', u._id);
    // An agent who becomes available can take a waiting chat.
    if (u.statusLivechat === 'available') processWaitingQueue(store);
    return { status: u.statusLivechat };
  });
}
