/** Node-side helper the benches share: the room the widget opened for a visitor, once the server has it. */
import type { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';

/** Bounded: 100 looks 100 ms apart, then the bench's measurement fails rather than hangs. */
export async function roomOf(agent: AgentClient, token: string): Promise<WireRoom> {
  for (let i = 0; i < 100; i++) {
    const room = (await agent.rooms()).find((r) => r.v.token === token);
    if (room) return room;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the visitor has no room');
}
