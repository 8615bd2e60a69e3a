/**
 * Request and response bodies of the REST routes the widget calls (contract §1–§7, §11).
 * Responses are shown without the `success: true` Rocket.Chat merges in.
 */
import type {
  AgentInfoOrHidden,
  LivechatConfig,
  LivechatTrigger,
  PageInfo,
  TransferData,
  WireMessage,
  WireRoom,
  WireVisitor,
} from './wire.ts';

export interface CustomFieldInput {
  key: string;
  value: string;
  overwrite: boolean;
}

export interface VisitorInput {
  token: string;
  name?: string;
  email?: string;
  department?: string;
  phone?: string;
  username?: string;
  customFields?: CustomFieldInput[];
}

export interface LivechatEndpoints {
  'GET livechat/config': {
    query: { token?: string; department?: string; businessUnit?: string };
    response: { config: LivechatConfig };
  };
  'POST livechat/visitor': { body: { visitor: VisitorInput }; response: { visitor: WireVisitor } };
  'GET livechat/visitor/:token': { query: Record<string, never>; response: { visitor: WireVisitor } };
  'DELETE livechat/visitor/:token': { body: Record<string, never>; response: { visitor: { _id: string; ts: string } } };
  'POST livechat/visitor.status': { body: { token: string; status: string }; response: { token: string; status: string } };
  'GET livechat/room': {
    query: { token: string; rid?: string; agentId?: string };
    response: { room: WireRoom; newRoom: boolean };
  };
  'POST livechat/room.close': { body: { token: string; rid: string }; response: { rid: string; comment: string } };
  'POST livechat/message': {
    body: { token: string; rid: string; msg: string; _id?: string; agent?: { agentId: string; username: string } };
    response: { message: WireMessage };
  };
  'GET livechat/message/:_id': { query: { token: string; rid: string }; response: { message: WireMessage } };
  'GET livechat/messages.history/:rid': {
    query: { token: string; ls?: string; end?: string; limit?: number; offset?: number };
    response: { messages: WireMessage[] };
  };
  'GET livechat/agent.info/:rid/:token': { query: Record<string, never>; response: { agent: AgentInfoOrHidden } };
  /** Who routing would pick now; a visitor with an open room gets a bare success. */
  'GET livechat/agent.next/:token': { query: { department?: string }; response: { agent?: AgentInfoOrHidden } };
  /** Public settings, no auth (Rocket.Chat 6.x+: `_id` a comma list). */
  'GET settings.public': {
    query: { _id?: string; count?: number; offset?: number };
    response: { settings: { _id: string; value: unknown }[]; count: number; offset: number; total: number };
  };
  'POST livechat/transcript': {
    body: { token: string; rid: string; email: string; subject?: string };
    response: { message: string };
  };
  'POST livechat/offline.message': {
    body: { name: string; email: string; message: string; department?: string; host?: string };
    response: { message: string };
  };
  'POST livechat/page.visited': {
    body: { token: string; rid?: string; pageInfo: PageInfo };
    response: { page?: { msg: string; navigation: unknown } };
  };
  'POST livechat/custom.field': { body: { token: string } & CustomFieldInput; response: { field: CustomFieldInput } };
  'POST livechat/custom.fields': {
    body: { token: string; customFields: CustomFieldInput[] };
    response: { fields: { Key: string; value: string; overwrite: boolean }[] };
  };
  /**
   * Multipart: field `file` (one), optional `description` and `msg`; header `x-visitor-token`.
   * The answer is the file message itself (with `success: true` merged in), not `{ message }`.
   */
  'POST livechat/upload/:rid': { body: FormData; response: WireMessage };
  /** 8.x (also answered by the stand-in, which is 7.x otherwise). */
  'POST livechat/visitor/department.transfer': { body: { token: string; rid: string; department: string }; response: Record<string, never> };
  /** 7.x only, deprecated; removed in 8.x. */
  'POST livechat/room.transfer': { body: { token: string; rid: string; department: string }; response: { room: WireRoom } };
  'POST livechat/room.survey': {
    body: { token: string; rid: string; data: { name: string; value: string }[] };
    response: { rid: string; data: Record<string, string> };
  };
}

/** Agent-side minimum (contract §10), used by the e2e suite and the demo agent console. */
export interface AgentEndpoints {
  'POST login': {
    body: { user?: string; username?: string; email?: string; password: string };
    response: { status: 'success'; data: { userId: string; authToken: string; me: unknown } };
  };
  'POST logout': { body: Record<string, never>; response: { status: 'success' } };
  'GET me': { query: Record<string, never>; response: { _id: string; username: string; name?: string } };
  'POST users.setStatus': { body: { status: string; message?: string }; response: Record<string, never> };
  'POST livechat/agent.status': { body: { status?: 'available' | 'not-available' }; response: { status: string } };
  'POST chat.sendMessage': { body: { message: { rid: string; msg: string; _id?: string } }; response: { message: WireMessage } };
  'POST livechat/room.closeByUser': { body: { rid: string; comment?: string }; response: Record<string, never> };
  'GET livechat/rooms': {
    query: { open?: string; count?: number; offset?: number };
    response: { rooms: WireRoom[]; count: number; offset: number; total: number };
  };
  'GET livechat/inquiries.getOne': { query: { roomId: string }; response: { inquiry: unknown } };
  'POST livechat/inquiries.take': { body: { inquiryId: string; userId?: string }; response: { inquiry: unknown } };
  'POST chat.delete': {
    body: { msgId: string; roomId: string; asUser?: boolean };
    response: { _id: string; ts: string; message: { _id: string; rid: string; u: unknown } };
  };
  'GET livechat/transfer.history/:rid': {
    query: { count?: number; offset?: number; sort?: string };
    response: { history: TransferData[]; count: number; offset: number; total: number };
  };
  'GET livechat/triggers': {
    query: { count?: number; offset?: number };
    response: { triggers: (LivechatTrigger & { name: string; description: string; enabled: boolean })[]; count: number; offset: number; total: number };
  };
  'POST livechat/triggers': {
    body: Omit<LivechatTrigger, '_id'> & { _id?: string; name: string; description: string; enabled: boolean };
    response: Record<string, never>;
  };
  'GET livechat/triggers/:_id': { query: Record<string, never>; response: { trigger: LivechatTrigger | null } };
  'DELETE livechat/triggers/:_id': { body: Record<string, never>; response: Record<string, never> };
}
