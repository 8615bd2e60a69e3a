/**
 * Amazon Connect chat on the wire, written once for the widget's adapter and the stand-in: the
 * Participant Service (restJson1, bearer `X-Amz-Bearer`), its WebSocket frames, the transcript item,
 * the control plane's StartChatContact, and the start-chat convention of Amazon's samples.
 * Facts: ../../../../shared/contracts/amazon-connect-participant.md (§ numbers below), checked against
 * the `@aws-sdk/client-connectparticipant` schemas.
 */

// ---- Participant Service: common --------------------------------------------------------------------

/** restJson1 error names and their HTTP status (contract §1.1). */
export const PARTICIPANT_ERRORS = {
  AccessDeniedException: 403,
  ValidationException: 400,
  ThrottlingException: 429,
  InternalServerException: 500,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ResourceNotFoundException: 404,
  /** API Gateway in front of the service: no X-Amz-Bearer header at all. */
  UnauthorizedException: 401,
  /** API Gateway: an unknown path or method. */
  MissingAuthenticationTokenException: 403,
} as const;
export type ParticipantErrorName = keyof typeof PARTICIPANT_ERRORS;

/**
 * An error answer: status + header `x-amzn-errortype: <Name>` (maybe with a `:<uri>` suffix) +
 * `x-amzn-requestid`, and this body. Some services spell it `Message`, or put the name in `__type`.
 */
export interface ParticipantErrorBody {
  message?: string;
  Message?: string;
  __type?: string;
  /** ResourceNotFoundException only. */
  ResourceId?: string;
  ResourceType?: string;
}

export const BEARER_HEADER = 'x-amz-bearer';

/** Message content types SendMessage takes (as enabled by StartChatContact). */
export const CONTENT_TYPE = {
  plain: 'text/plain',
  markdown: 'text/markdown',
  json: 'application/json',
  interactive: 'application/vnd.amazonaws.connect.message.interactive',
  interactiveResponse: 'application/vnd.amazonaws.connect.message.interactive.response',
} as const;

const EVENT = 'application/vnd.amazonaws.connect.event.';
/** Event content types (SendEvent, and `Type: "EVENT"` items). */
export const EVENT_TYPE = {
  typing: `${EVENT}typing`,
  delivered: `${EVENT}message.delivered`,
  read: `${EVENT}message.read`,
  participantJoined: `${EVENT}participant.joined`,
  participantLeft: `${EVENT}participant.left`,
  participantInvited: `${EVENT}participant.invited`,
  participantIdle: `${EVENT}participant.idle`,
  participantReturned: `${EVENT}participant.returned`,
  participantAutoDisconnection: `${EVENT}participant.autodisconnection`,
  displayNameUpdated: `${EVENT}participant.displayname.updated`,
  chatEnded: `${EVENT}chat.ended`,
  chatRehydrated: `${EVENT}chat.rehydrated`,
  transferSucceeded: `${EVENT}transfer.succeeded`,
  transferFailed: `${EVENT}transfer.failed`,
  connectionAcknowledged: `${EVENT}connection.acknowledged`,
  /** The ContentType of `Type: "MESSAGEMETADATA"` items (receipts) over the websocket. */
  messageMetadata: `${EVENT}message.metadata`,
} as const;

/** Content length limits, in characters (contract §1.1, SendMessage). */
export const CONTENT_LIMITS: Record<string, number> = {
  [CONTENT_TYPE.plain]: 1024,
  [CONTENT_TYPE.markdown]: 1024,
  [CONTENT_TYPE.json]: 12000,
  [CONTENT_TYPE.interactiveResponse]: 12288,
};

// ---- Participant Service: operations (contract §1.1 table) ------------------------------------------

export type ConnectionType = 'WEBSOCKET' | 'CONNECTION_CREDENTIALS' | 'WEBRTC_CONNECTION';

/** POST /participant/connection, bearer = ParticipantToken. */
export interface CreateParticipantConnectionRequest {
  Type?: ConnectionType[];
  ConnectParticipant?: boolean;
}
export interface CreateParticipantConnectionResponse {
  Websocket?: { Url?: string; ConnectionExpiry?: string };
  ConnectionCredentials?: { ConnectionToken?: string; Expiry?: string };
}

/** POST /participant/message, bearer = ConnectionToken. */
export interface SendMessageRequest {
  ContentType: string;
  Content: string;
  ClientToken?: string;
}
export interface SendMessageResponse {
  Id?: string;
  AbsoluteTime?: string;
  MessageMetadata?: { MessageId?: string; MessageProcessingStatus?: string };
}

/** POST /participant/event. `Content` of a receipt is the JSON string `{"messageId":"<Id>"}`. */
export interface SendEventRequest {
  ContentType: string;
  Content?: string;
  ClientToken?: string;
}
export interface SendEventResponse {
  Id?: string;
  AbsoluteTime?: string;
}

export type ScanDirection = 'FORWARD' | 'BACKWARD';
export type SortOrder = 'DESCENDING' | 'ASCENDING';

/** POST /participant/transcript. Defaults: MaxResults 10 (0–100), BACKWARD without StartPosition, DESCENDING. */
export interface GetTranscriptRequest {
  ContactId?: string;
  MaxResults?: number;
  NextToken?: string;
  ScanDirection?: ScanDirection;
  SortOrder?: SortOrder;
  StartPosition?: { Id?: string; AbsoluteTime?: string; MostRecent?: number };
}
export interface GetTranscriptResponse {
  InitialContactId?: string;
  Transcript?: TranscriptItem[];
  /** Absent or empty at the start of the conversation. */
  NextToken?: string;
}

/** POST /participant/disconnect. */
export interface DisconnectParticipantRequest {
  ClientToken?: string;
}

/** POST /participant/start-attachment-upload. */
export interface StartAttachmentUploadRequest {
  ContentType: string;
  AttachmentSizeInBytes: number;
  AttachmentName: string;
  ClientToken?: string;
}
export interface StartAttachmentUploadResponse {
  AttachmentId?: string;
  UploadMetadata?: { Url?: string; UrlExpiry?: string; HeadersToInclude?: Record<string, string> };
}

/** POST /participant/complete-attachment-upload. */
export interface CompleteAttachmentUploadRequest {
  AttachmentIds: string[];
  ClientToken?: string;
}

/** POST /participant/attachment. */
export interface GetAttachmentRequest {
  AttachmentId: string;
  UrlExpiryInSeconds?: number;
}
export interface GetAttachmentResponse {
  Url?: string;
  UrlExpiry?: string;
  AttachmentSizeInBytes?: number;
}

/** The paths, relative to the endpoint (a path prefix in the endpoint is kept, §5). */
export const PARTICIPANT_PATHS = {
  createParticipantConnection: '/participant/connection',
  sendMessage: '/participant/message',
  sendEvent: '/participant/event',
  getTranscript: '/participant/transcript',
  disconnectParticipant: '/participant/disconnect',
  startAttachmentUpload: '/participant/start-attachment-upload',
  completeAttachmentUpload: '/participant/complete-attachment-upload',
  getAttachment: '/participant/attachment',
} as const;

// ---- The transcript item (REST and WebSocket alike, §1.2) --------------------------------------------

/** `MESSAGEMETADATA` carries receipts and is not in the SDK's enum; events arrive as `EVENT`. */
export type ItemType = 'MESSAGE' | 'EVENT' | 'ATTACHMENT' | 'CONNECTION_ACK' | 'MESSAGEMETADATA' | (string & {});
export type ParticipantRole = 'AGENT' | 'CUSTOMER' | 'SYSTEM' | 'CUSTOM_BOT' | 'SUPERVISOR' | (string & {});

export interface Receipt {
  DeliveredTimestamp?: string;
  ReadTimestamp?: string;
  RecipientParticipantId?: string;
}

export interface AttachmentItem {
  ContentType?: string;
  AttachmentId?: string;
  AttachmentName?: string;
  Status?: 'APPROVED' | 'REJECTED' | 'IN_PROGRESS' | (string & {});
}

export interface TranscriptItem {
  AbsoluteTime?: string;
  Content?: string;
  ContentType?: string;
  Id?: string;
  Type?: ItemType;
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: ParticipantRole;
  Attachments?: AttachmentItem[];
  MessageMetadata?: { MessageId?: string; Receipts?: Receipt[]; MessageProcessingStatus?: string };
  RelatedContactId?: string;
  ContactId?: string;
  /** WebSocket items only. */
  InitialContactId?: string;
}

// ---- WebSocket frames (§2) ---------------------------------------------------------------------------

export const WS_TOPIC = {
  subscribe: 'aws/subscribe',
  unsubscribe: 'aws/unsubscribe',
  heartbeat: 'aws/heartbeat',
  ping: 'aws/ping',
  chat: 'aws/chat',
} as const;

export type WsClientFrame =
  | { topic: 'aws/subscribe'; content: { topics: string[] } }
  | { topic: 'aws/unsubscribe'; content: { topics: string[] } }
  /** Heartbeats carry no `content` key. */
  | { topic: 'aws/heartbeat' }
  | { topic: 'aws/ping' };

export type WsServerFrame =
  | { topic: 'aws/subscribe'; content: { status: 'success' | 'failure'; topics: string[] } }
  | { topic: 'aws/heartbeat' }
  | { topic: 'aws/ping'; statusCode: number; statusContent: string }
  /** `content` is the JSON text of a TranscriptItem. */
  | { topic: 'aws/chat'; contentType: 'application/json'; content: string }
  /** API Gateway's error shape: no topic (unconfirmed, §2). */
  | { topic?: undefined; message: string; connectionId?: string; requestId?: string };

// ---- Control plane: StartChatContact (§1.0), PUT /contact/chat, SigV4 -------------------------------

export interface StartChatContactRequest {
  InstanceId: string;
  ContactFlowId: string;
  ParticipantDetails: { DisplayName: string };
  Attributes?: Record<string, string>;
  InitialMessage?: { ContentType: string; Content: string };
  ClientToken?: string;
  /** 60–10080, default 1500. */
  ChatDurationInMinutes?: number;
  SupportedMessagingContentTypes?: string[];
  PersistentChat?: { RehydrationType?: 'ENTIRE_PAST_SESSION' | 'FROM_SEGMENT'; SourceContactId?: string };
  RelatedContactId?: string;
  SegmentAttributes?: Record<string, unknown>;
  CustomerId?: string;
}
export interface StartChatContactResponse {
  ContactId?: string;
  ParticipantId?: string;
  ParticipantToken?: string;
  ContinuedFromContactId?: string;
}

// ---- The site owner's start-chat endpoint (the samples' convention, not an AWS contract, §1.0) ------

export interface StartChatRequestBody {
  ParticipantDetails: { DisplayName: string };
  Attributes?: Record<string, string>;
  SupportedMessagingContentTypes?: string[];
  InitialMessage?: { ContentType: string; Content: string };
  ChatDurationInMinutes?: number;
  PersistentChat?: { RehydrationType?: string; SourceContactId?: string };
  /** The samples also let the page name these; a reference backend takes them from its own config. */
  InstanceId?: string;
  ContactFlowId?: string;
}

export interface FeaturePermissions {
  MESSAGING_MARKDOWN?: boolean;
  ATTACHMENTS?: boolean;
}

export interface StartChatResponseBody {
  data: {
    startChatResult: { ContactId: string; ParticipantId: string; ParticipantToken: string; ContinuedFromContactId?: string };
    featurePermissions?: FeaturePermissions;
    /** Our reference backend only: true when its `POST …/transcript-email` route can mail this chat. */
    transcriptEmail?: boolean;
  };
}

/** The samples answer failures with 500 and this body. */
export interface StartChatErrorBody {
  data: { Error: unknown };
}

// ---- Our reference backend's transcript route (src/start-chat), not an AWS or samples contract --------

/** `POST <backend>/transcript-email`. The ParticipantToken the chat started with proves ownership. */
export interface TranscriptEmailRequestBody {
  ContactId: string;
  ParticipantToken: string;
  Email: string;
}

export interface TranscriptEmailResponseBody {
  data: { status: 'sent'; messageCount: number; chatEnded: boolean };
}

/**
 * Failures of the backend's routes: 400 InvalidInput (with `field`), 403 OriginNotAllowed, 404 ChatNotFound,
 * 413/415, 429 RateLimited (`retryAfterSeconds`, and a Retry-After header), 501 TranscriptEmailUnavailable,
 * 502 MailFailed (`retryable: true`); 500 with the Connect error's name when StartChatContact failed.
 */
export interface BackendErrorBody {
  data: { Error: { code: string; message: string; field?: string; retryAfterSeconds?: number; retryable?: boolean; statusCode?: number; requestId?: string } };
}
