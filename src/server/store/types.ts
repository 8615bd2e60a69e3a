/** The stand-in's documents: Rocket.Chat's collections, with real Date objects inside. */
import type {
  LivechatTrigger,
  WireCustomField,
  WireDepartment,
  WireMessage,
  WireRoom,
  WireVisitor,
} from '../../shared/rocketchat/wire.ts';

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: Date };

export type Visitor = Omit<Dated<WireVisitor, 'ts' | '_updatedAt'>, 'lastChat'> & {
  lastChat?: { _id: string; ts: Date };
};

export type Message = WireMessage<Date>;

export type Room = Omit<Dated<WireRoom, 'ts' | '_updatedAt'>, 'lm' | 'closedAt' | 'servedBy' | 'transcriptRequest' | 'queuedAt'> & {
  lm?: Date;
  queuedAt?: Date;
  closedAt?: Date;
  servedBy?: { _id: string; username: string; ts: Date };
  closingMessage?: { _id: string; msg: string; ts: Date };
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
  /** When the inquiry last entered the queue; the queue is served oldest first. */
  queuedAt?: Date;
  department?: string;
}

/** A file in Rocket.Chat's `Uploads` store, bytes kept in memory. */
export interface Upload {
  _id: string;
  name: string;
  size: number;
  type: string;
  rid: string;
  /** Set for visitor uploads. */
  visitorToken?: string;
  /** Set for uploads by a logged-in user. */
  userId?: string;
  description?: string;
  uploadedAt: Date;
  /** What `sharp` reads in Rocket.Chat (`identify.size`); only for images whose header we can read. */
  identify?: { size: { width: number; height: number } };
  data: Buffer;
}

/** `ILivechatTrigger` as stored. */
export type Trigger = LivechatTrigger & { name: string; description: string; enabled: boolean; _updatedAt: Date };

export type Department = WireDepartment & {
  enabled: boolean;
  email?: string;
  agentIds: string[];
  /** Enterprise: shown to visitors waiting in this department's queue instead of the global message. */
  waitingQueueMessage?: string;
};
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
