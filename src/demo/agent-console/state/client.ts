/**
 * The part of `AgentClient` the console uses: the real client in the page, a fake in component tests.
 */
import { AgentClient, type RoomWatchHandlers } from '../../../shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom } from '../../../shared/rocketchat/wire.ts';

export interface ConsoleClient {
  readonly username: string;
  readonly name: string;
  login(user: string, password: string): Promise<void>;
  logout(): Promise<void>;
  rooms(open?: boolean): Promise<WireRoom[]>;
  history(room: Pick<WireRoom, '_id' | 'v'>, limit?: number): Promise<WireMessage[]>;
  take(rid: string): Promise<void>;
  send(rid: string, msg: string, id?: string): Promise<WireMessage>;
  close(rid: string, comment?: string): Promise<void>;
  connect(): Promise<void>;
  watchRoom(rid: string, handlers: RoomWatchHandlers): () => void;
  typing(rid: string, isTyping: boolean): Promise<void>;
  disconnect(): void;
}

/** The stand-in (or a real Rocket.Chat behind the same origin) serves the page: talk to our own origin. */
export function createBrowserClient(): ConsoleClient {
  return new AgentClient(window.location.origin);
}
