// @vitest-environment node
/**
 * Lifetimes Connect enforces: a ConnectionToken expires (ConnectionCredentials.Expiry, a day), and a chat
 * whose customer never calls CreateParticipantConnection within the StartChatContact window (5 minutes)
 * ends by itself. Shortened here through the stand-in's options.
 */
import { StartChatContactCommand } from '@aws-sdk/client-connect';
import { AccessDeniedException, CreateParticipantConnectionCommand, GetTranscriptCommand } from '@aws-sdk/client-connectparticipant';
import { describe, expect, it } from 'vitest';
import { startConnect, startCustomer } from './harness.ts';

describe('lifetimes', () => {
  it('an expired ConnectionToken is Access denied; a fresh CreateParticipantConnection gives a working one', async () => {
    const r = await startConnect({ connect: { connectionTokenTtlMs: 1 } });
    try {
      const c = await startCustomer(r);
      await expect(r.participant.send(new GetTranscriptCommand({ ConnectionToken: c.ConnectionToken }))).rejects.toBeInstanceOf(AccessDeniedException);
      const again = await r.participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: c.ParticipantToken, Type: ['CONNECTION_CREDENTIALS'] }));
      expect(again.ConnectionCredentials?.ConnectionToken).toBeTruthy();
    } finally {
      await r.close();
    }
  });

  it('a chat nobody connects to within the window ends, and its token is refused', async () => {
    const r = await startConnect({ connect: { connectWithinMs: 50 } });
    try {
      const s = await r.connect.send(new StartChatContactCommand({ InstanceId: r.instanceId, ContactFlowId: r.flowId, ParticipantDetails: { DisplayName: 'Late' } }));
      const deadline = Date.now() + 5000;
      while ((await r.agents.contact(s.ContactId!)).contact.state !== 'ended') {
        if (Date.now() > deadline) throw new Error('the chat did not end');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await expect(r.participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken!, Type: ['WEBSOCKET'] }))).rejects.toBeInstanceOf(AccessDeniedException);
    } finally {
      await r.close();
    }
  });
});
