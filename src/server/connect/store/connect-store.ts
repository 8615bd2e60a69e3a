/**
 * The Connect stand-in's state: contacts started by StartChatContact, their participants (customer, and
 * the agent who accepts), tokens, and the transcript. Every change that a participant would see over the
 * WebSocket is emitted as `deliver`; the transport decides who receives it.
 */
import { EventEmitter } from 'node:events';
import { EVENT_TYPE, type ParticipantRole, type TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import { isoNow, newId, newToken } from './ids.ts';
import type { Connection, Contact, InstanceConfig, Participant, WebsocketUrl } from './types.ts';

export interface ConnectStoreOptions {
  instances: InstanceConfig[];
  /** StartChatContact: the customer must call CreateParticipantConnection within this (5 min). */
  connectWithinMs?: number;
  /** A websocket URL must be opened within this (100 s). */
  websocketUrlTtlMs?: number;
  /** ConnectionCredentials.Expiry (1 day). */
  connectionTokenTtlMs?: number;
}

export interface StartChatInput {
  instanceId: string;
  flowId: string;
  displayName: string;
  attributes: Record<string, string>;
  supportedContentTypes: string[];
  initialMessage?: { ContentType: string; Content: string };
  chatDurationMinutes: number;
}

export interface Located {
  contact: Contact;
  participant: Participant;
}

interface StoreEvents {
  deliver: [contact: Contact, item: TranscriptItem];
  ended: [contact: Contact];
}

export class ConnectStore extends EventEmitter<StoreEvents> {
  readonly contacts = new Map<string, Contact>();
  /** StartChatContact's ClientToken answers: the same token starts no second chat. */
  readonly startTokens = new Map<string, object>();
  readonly instances: Map<string, InstanceConfig>;
  private readonly participantTokens = new Map<string, { contactId: string; participantId: string }>();
  private readonly connections = new Map<string, Connection>();
  private readonly websocketUrls = new Map<string, WebsocketUrl>();
  readonly connectWithinMs: number;
  readonly websocketUrlTtlMs: number;
  readonly connectionTokenTtlMs: number;

  constructor(options: ConnectStoreOptions) {
    super();
    this.instances = new Map(options.instances.map((i) => [i.id, i]));
    this.connectWithinMs = options.connectWithinMs ?? 5 * 60_000;
    this.websocketUrlTtlMs = options.websocketUrlTtlMs ?? 100_000;
    this.connectionTokenTtlMs = options.connectionTokenTtlMs ?? 86_400_000;
  }

  startChat(input: StartChatInput): Located {
    const id = newId();
    const customer = this.newParticipant('CUSTOMER', input.displayName);
    const contact: Contact = {
      id,
      instanceId: input.instanceId,
      flowId: input.flowId,
      state: 'waiting',
      createdAt: Date.now(),
      attributes: input.attributes,
      supportedContentTypes: new Set(['text/plain', ...input.supportedContentTypes]),
      participants: [customer],
      items: [],
      receipts: new Map(),
      idempotency: new Map(),
      attachments: new Map(),
      timers: [],
    };
    this.contacts.set(id, contact);
    this.participantTokens.set(customer.participantToken, { contactId: id, participantId: customer.id });
    this.event(contact, customer, EVENT_TYPE.participantJoined);
    if (input.initialMessage) this.message(contact, customer, input.initialMessage.ContentType, input.initialMessage.Content);
    const greeting = this.instances.get(input.instanceId)?.flows.find((f) => f.id === input.flowId)?.greeting;
    if (greeting) this.systemMessage(contact, greeting);
    this.timer(contact, this.connectWithinMs, () => {
      if (!customer.connectedOnce) this.endContact(contact);
    });
    this.timer(contact, input.chatDurationMinutes * 60_000, () => this.endContact(contact));
    return { contact, participant: customer };
  }

  /** What CCP does when an agent accepts: a new AGENT participant joins the contact. */
  acceptContact(contact: Contact, displayName: string): Participant {
    const agent = this.newParticipant('AGENT', displayName);
    contact.participants.push(agent);
    this.participantTokens.set(agent.participantToken, { contactId: contact.id, participantId: agent.id });
    contact.state = 'connected';
    this.event(contact, agent, EVENT_TYPE.participantJoined);
    return agent;
  }

  byParticipantToken(token: string): Located | undefined {
    const ref = this.participantTokens.get(token);
    return ref ? this.locate(ref.contactId, ref.participantId) : undefined;
  }

  connection(token: string): (Located & { connection: Connection }) | undefined {
    const connection = this.connections.get(token);
    const located = connection && this.locate(connection.contactId, connection.participantId);
    return located && connection ? { ...located, connection } : undefined;
  }

  isParticipantToken(token: string): boolean {
    return this.participantTokens.has(token);
  }

  createConnection(located: Located, types: Set<string>): { websocket?: WebsocketUrl; credentials?: Connection } {
    const { contact, participant } = located;
    participant.connectedOnce = true;
    const now = Date.now();
    const out: { websocket?: WebsocketUrl; credentials?: Connection } = {};
    if (types.has('WEBSOCKET')) {
      out.websocket = { urlToken: newToken(''), participantId: participant.id, contactId: contact.id, expiresAt: now + this.websocketUrlTtlMs };
      this.websocketUrls.set(out.websocket.urlToken, out.websocket);
    }
    if (types.has('CONNECTION_CREDENTIALS')) {
      out.credentials = { token: newToken('QVFJREFIa'), participantId: participant.id, contactId: contact.id, expiresAt: now + this.connectionTokenTtlMs };
      this.connections.set(out.credentials.token, out.credentials);
    }
    return out;
  }

  websocketUrl(urlToken: string): (Located & { url: WebsocketUrl }) | undefined {
    const url = this.websocketUrls.get(urlToken);
    const located = url && this.locate(url.contactId, url.participantId);
    return located && url ? { ...located, url } : undefined;
  }

  message(contact: Contact, from: Participant, contentType: string, content: string): TranscriptItem {
    const id = newId();
    return this.append(contact, {
      AbsoluteTime: isoNow(),
      Content: content,
      ContentType: contentType,
      Id: id,
      Type: 'MESSAGE',
      ParticipantId: from.id,
      DisplayName: from.displayName,
      ParticipantRole: from.role,
      ContactId: contact.id,
    });
  }

  systemMessage(contact: Contact, text: string): TranscriptItem {
    return this.append(contact, {
      AbsoluteTime: isoNow(),
      Content: text,
      ContentType: 'text/plain',
      Id: newId(),
      Type: 'MESSAGE',
      ParticipantId: SYSTEM_PARTICIPANT_ID,
      DisplayName: 'SYSTEM_MESSAGE',
      ParticipantRole: 'SYSTEM',
      ContactId: contact.id,
    });
  }

  /** A participant event. Kept in the transcript unless `ephemeral` (typing is only relayed). */
  event(contact: Contact, from: Participant | undefined, contentType: string, content?: string, ephemeral = false): TranscriptItem {
    const item: TranscriptItem = {
      AbsoluteTime: isoNow(),
      ...(content !== undefined ? { Content: content } : {}),
      ContentType: contentType,
      Id: newId(),
      Type: 'EVENT',
      ...(from ? { ParticipantId: from.id, DisplayName: from.displayName, ParticipantRole: from.role } : {}),
      ContactId: contact.id,
    };
    if (ephemeral) {
      this.emit('deliver', contact, item);
      return item;
    }
    return this.append(contact, item);
  }

  attachmentItem(contact: Contact, from: Participant, attachment: { id: string; name: string; contentType: string }): TranscriptItem {
    return this.append(contact, {
      AbsoluteTime: isoNow(),
      Attachments: [{ ContentType: attachment.contentType, AttachmentId: attachment.id, AttachmentName: attachment.name, Status: 'APPROVED' }],
      Id: newId(),
      Type: 'ATTACHMENT',
      ParticipantId: from.id,
      DisplayName: from.displayName,
      ParticipantRole: from.role,
      ContactId: contact.id,
    });
  }

  /**
   * A read or delivered receipt. Connect keeps one receipt per recipient and message (read implies
   * delivered) and announces it as a `MESSAGEMETADATA` item, which carries no participant fields.
   */
  receipt(contact: Contact, reader: Participant, messageId: string, kind: 'read' | 'delivered'): void {
    const byRecipient = contact.receipts.get(messageId) ?? new Map();
    contact.receipts.set(messageId, byRecipient);
    const now = isoNow();
    const receipt = byRecipient.get(reader.id) ?? { RecipientParticipantId: reader.id };
    if (kind === 'read' && receipt.ReadTimestamp) return;
    if (kind === 'delivered' && receipt.DeliveredTimestamp) return;
    if (!receipt.DeliveredTimestamp) receipt.DeliveredTimestamp = now;
    if (kind === 'read') receipt.ReadTimestamp = now;
    byRecipient.set(reader.id, receipt);
    this.emit('deliver', contact, {
      AbsoluteTime: now,
      ContentType: 'application/vnd.amazonaws.connect.event.message.metadata',
      Id: newId(),
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { MessageId: messageId, Receipts: [{ ...receipt }] },
    });
  }

  /** DisconnectParticipant. A customer or the last agent leaving ends the chat, as the default flows do. */
  disconnect(contact: Contact, participant: Participant): void {
    if (participant.left || contact.state === 'ended') return;
    participant.left = true;
    this.event(contact, participant, EVENT_TYPE.participantLeft);
    this.endContact(contact);
  }

  /** The contact ends (a participant left, StopContact, or a timer): `chat.ended`, then every token dies. */
  endContact(contact: Contact): void {
    if (contact.state === 'ended') return;
    contact.state = 'ended';
    contact.endedAt = Date.now();
    for (const t of contact.timers) clearTimeout(t);
    contact.timers = [];
    this.event(contact, undefined, EVENT_TYPE.chatEnded);
    for (const p of contact.participants) p.left = true;
    this.emit('ended', contact);
  }

  close(): void {
    for (const c of this.contacts.values()) for (const t of c.timers) clearTimeout(t);
  }

  private append(contact: Contact, item: TranscriptItem): TranscriptItem {
    contact.items.push(item);
    this.emit('deliver', contact, item);
    return item;
  }

  private locate(contactId: string, participantId: string): Located | undefined {
    const contact = this.contacts.get(contactId);
    const participant = contact?.participants.find((p) => p.id === participantId);
    return contact && participant ? { contact, participant } : undefined;
  }

  private newParticipant(role: ParticipantRole, displayName: string): Participant {
    return { id: newId(), role, displayName, participantToken: newToken('QVFJREFIaH'), left: false, connectedOnce: false };
  }

  private timer(contact: Contact, ms: number, fn: () => void): void {
    const t = setTimeout(fn, Math.min(ms, 2_147_000_000));
    t.unref();
    contact.timers.push(t);
  }
}

/** SYSTEM messages of a flow carry a participant id of their own. */
export const SYSTEM_PARTICIPANT_ID = '00000000-0000-4000-8000-000000000000';
