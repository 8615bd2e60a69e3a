/** What the Connect stand-in keeps: instances and flows, contacts, their participants and items. */
import type { ParticipantRole, Receipt, TranscriptItem } from '../../../shared/amazon-connect/wire.ts';

export interface FlowConfig {
  id: string;
  name: string;
  /** A message the flow sends as SYSTEM when the chat starts (a "Send message" block). */
  greeting?: string;
}

export interface InstanceConfig {
  id: string;
  flows: FlowConfig[];
  /** Attachments are on when the instance has an attachments bucket. */
  attachments: boolean;
}

export interface Participant {
  id: string;
  role: ParticipantRole;
  displayName: string;
  participantToken: string;
  /** Left the chat (DisconnectParticipant, or the contact ended): every token of theirs is refused. */
  left: boolean;
  /** Called CreateParticipantConnection at least once (the 5-minute rule of StartChatContact). */
  connectedOnce: boolean;
}

export interface Connection {
  token: string;
  participantId: string;
  contactId: string;
  expiresAt: number;
}

export interface WebsocketUrl {
  urlToken: string;
  participantId: string;
  contactId: string;
  /** The URL must be opened before this (100 s after CreateParticipantConnection). */
  expiresAt: number;
}

export interface Attachment {
  id: string;
  participantId: string;
  name: string;
  contentType: string;
  declaredSize: number;
  uploadToken: string;
  uploadExpiresAt: number;
  data?: Buffer;
  completed: boolean;
}

export type ContactState = 'waiting' | 'connected' | 'ended';

export interface Contact {
  id: string;
  instanceId: string;
  flowId: string;
  state: ContactState;
  createdAt: number;
  endedAt?: number;
  attributes: Record<string, string>;
  supportedContentTypes: Set<string>;
  participants: Participant[];
  /** The transcript GetTranscript reads: messages, attachments and the documented events, in order. */
  items: TranscriptItem[];
  /** messageId → recipientParticipantId → receipt. */
  receipts: Map<string, Map<string, Receipt>>;
  /** `${participantId} ${operation} ${clientToken}` → the first answer. */
  idempotency: Map<string, unknown>;
  attachments: Map<string, Attachment>;
  timers: NodeJS.Timeout[];
}
