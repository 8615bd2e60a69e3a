/**
 * `/_standin/connect/*`: what CCP/Streams would give an agent, and what tests need, without emulating CCP.
 * List contacts (waiting / connected / ended, with the customer's name and last message), accept one (the
 * agent joins as an AGENT participant and gets a ParticipantToken for the Participant API), stop one,
 * drop every chat websocket. Mounted only with `controls: true`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from '../../http/api.ts';
import { BodyError, readJsonBody } from '../../http/body.ts';
import type { ConnectStore } from '../store/connect-store.ts';
import { restItem } from '../store/transcript-query.ts';
import type { Contact } from '../store/types.ts';
import type { ChatTransport } from '../websocket/transport-server.ts';
import type { ParticipantService } from '../routes/participant-service.ts';

export interface ControlsConfig {
  region: string;
  instanceId: string;
  contactFlowId: string;
  agentName: string;
}

export function contactSummary(c: Contact) {
  const customer = c.participants.find((p) => p.role === 'CUSTOMER');
  const agent = c.participants.find((p) => p.role === 'AGENT');
  const last = [...c.items].reverse().find((i) => i.Type === 'MESSAGE' || i.Type === 'ATTACHMENT');
  return {
    ContactId: c.id,
    InstanceId: c.instanceId,
    ContactFlowId: c.flowId,
    state: c.state,
    createdAt: new Date(c.createdAt).toISOString(),
    ...(c.endedAt ? { endedAt: new Date(c.endedAt).toISOString() } : {}),
    customer: customer ? { ParticipantId: customer.id, DisplayName: customer.displayName, left: customer.left } : null,
    agent: agent ? { ParticipantId: agent.id, DisplayName: agent.displayName, left: agent.left } : null,
    attributes: c.attributes,
    lastMessage: last
      ? { Id: last.Id, Content: last.Content ?? last.Attachments?.[0]?.AttachmentName ?? '', DisplayName: last.DisplayName, ParticipantRole: last.ParticipantRole, AbsoluteTime: last.AbsoluteTime }
      : null,
  };
}

export function createConnectControls(store: ConnectStore, transport: ChatTransport, participants: ParticipantService, config: ControlsConfig) {
  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      try {
        body = ((await readJsonBody(req, 64 * 1024)) ?? {}) as Record<string, unknown>;
      } catch (e) {
        return send(res, e instanceof BodyError ? e.status : 400, { error: String(e) });
      }
    }
    const [, first, id, action] = path.split('/');
    const contact = id ? store.contacts.get(id) : undefined;
    const key = `${method} ${first}${id ? '/:id' : ''}${action ? `/${action}` : ''}`;
    switch (key) {
      case 'GET config':
        return send(res, 200, config);
      case 'GET contacts': {
        const state = new URL(req.url ?? '/', 'http://x').searchParams.get('state');
        const list = [...store.contacts.values()].filter((c) => !state || c.state === state).sort((a, b) => b.createdAt - a.createdAt);
        return send(res, 200, { contacts: list.map(contactSummary) });
      }
      case 'GET contacts/:id':
        if (!contact) return send(res, 404, { error: 'no such contact' });
        return send(res, 200, { contact: contactSummary(contact), transcript: contact.items.map((i) => restItem(contact, i)) });
      case 'POST contacts/:id/accept': {
        if (!contact) return send(res, 404, { error: 'no such contact' });
        if (contact.state !== 'waiting') return send(res, 409, { error: `the contact is ${contact.state}` });
        const name = typeof body.DisplayName === 'string' && body.DisplayName.trim() ? body.DisplayName.trim().slice(0, 256) : config.agentName;
        const agent = store.acceptContact(contact, name);
        return send(res, 200, { ContactId: contact.id, InitialContactId: contact.id, ParticipantId: agent.id, ParticipantToken: agent.participantToken, DisplayName: agent.displayName });
      }
      case 'POST contacts/:id/stop':
        if (!contact) return send(res, 404, { error: 'no such contact' });
        store.endContact(contact);
        return send(res, 200, { contact: contactSummary(contact) });
      case 'POST transport/drop': {
        const refuseMs = typeof body.refuseMs === 'number' ? body.refuseMs : 0;
        return send(res, 200, { dropped: transport.dropAll(refuseMs) });
      }
      case 'POST throttle/reset':
        participants.throttle.reset();
        return send(res, 200, { ok: true });
      default:
        return send(res, 404, { error: `unknown control ${method} connect/${path}` });
    }
  };
}
