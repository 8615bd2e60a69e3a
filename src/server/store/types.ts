/** The stand-in's documents: Rocket.Chat's collections, with real Date objects inside. */
import type { WireMessage, WireRoom, WireVisitor, WireDepartment, WireCustomField } from '../../shared/rocketchat/wire.ts';

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: Date };

export type Visitor = Omit<Dated<WireVisitor, 'ts' | '_updatedAt'>, 'lastChat'> & {
  lastChat?: { _id: string; ts: Date };
};

export type Message = WireMessage<Date>;

export type Room = Omit<Dated<WireRoom, 'ts' | '_updatedAt'>, 'lm' | 'closedAt' | 'servedBy' | 'transcriptRequest'> & {
  lm?: Date;
  closedAt?: Date;
  servedBy?: { _id: string; username: string; ts: Date };
  closingMessage?: { _id: string; msg: string; ts: Date };
  /** Set by `livechat/room.survey`. */
  surveyFeedback?: Record<string, string>;
};

export type UserStatus = 'online' | 'away' | 'busy' | 'offline';

export interface User {
  _id: string;
  username: string;
  name: string;
  password: string;
  emails: { address: string; verified: boolean }[];
  roles: string[];
  status: UserStatus;
  statusLivechat: 'available' | 'not-available';
  /** Hashed in Rocket.Chat; kept plain here because the stand-in never persists secrets. */
  authTokens: string[];
  createdAt: Date;
}

export interface Inquiry {
  _id: string;
  rid: string;
  name: string;
  token: string;
  status: 'queued' | 'taken';
  ts: Date;
  department?: string;
}

export type Department = WireDepartment & { enabled: boolean; email?: string; agentIds: string[] };
export type CustomField = WireCustomField;

/** Every transcript the stand-in was asked to send, for tests and the demo. */
export interface TranscriptRequest {
  rid: string;
  token: string;
  email: string;
  subject?: string;
  at: Date;
}

export interface OfflineMessage {
  name: string;
  email: string;
  message: string;
  department?: string;
  host?: string;
  at: Date;
}
