/**
 * Files on Amazon Connect, both ways: the visitor attaches one (StartAttachmentUpload, the presigned PUT,
 * CompleteAttachmentUpload) and the agent has it; the agent sends one and the visitor gets a download
 * link whose address (GetAttachment's) serves the bytes.
 */
import type { Page } from '@playwright/test';
import type { AgentSession } from '../src/shared/amazon-connect/agent-client.ts';
import { ConnectAgent, expect, test } from './connect-fixtures.ts';

async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach a file' }).click()]);
  await chooser.setFiles([file]);
}

/** The agent sends a file as CCP does: start, PUT to the presigned URL, complete. */
async function agentSends(agent: ConnectAgent, session: AgentSession, name: string, body: string): Promise<void> {
  const participant = agent.client.participant;
  const up = await participant.startAttachmentUpload(session.connectionToken, { ContentType: 'text/plain', AttachmentName: name, AttachmentSizeInBytes: body.length });
  const put = await fetch(up.UploadMetadata!.Url!, { method: 'PUT', headers: up.UploadMetadata!.HeadersToInclude ?? {}, body });
  expect(put.ok).toBe(true);
  await participant.completeAttachmentUpload(session.connectionToken, { AttachmentIds: [up.AttachmentId!] });
}

test.describe('Amazon Connect: files', () => {
  test("the visitor's file reaches the agent, and shows in the conversation as a download link", async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('I have the receipt');
    const ana = await agent.join(widget);
    await expect(page.getByText('Chatting with Ana')).toBeVisible();
    await attach(page, { name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('twelve bytes') });
    await expect(widget.log.getByRole('link', { name: /^Download receipt\.txt/ })).toBeVisible();
    // The agent's transcript holds it as an attachment of the customer's.
    await expect
      .poll(async () => ((await ana.transcript()).Transcript ?? []).some((i) => i.ParticipantRole === 'CUSTOMER' && i.Attachments?.some((a) => a.AttachmentName === 'receipt.txt')), {
        message: 'the agent has the file',
      })
      .toBe(true);
  });

  test("the agent's file is a download link that serves its bytes", async ({ page, widget, agent }) => {
    await widget.goto();
    await widget.open();
    await widget.send('Can you send the datasheet?');
    const ana = await agent.join(widget);
    await agentSends(agent, ana, 'datasheet.txt', 'ridge 2: 2.1 kg');
    const link = widget.log.getByRole('link', { name: /^Download datasheet\.txt/ });
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^https?:\/\//);
    expect(await (await page.request.get(href!)).text()).toBe('ridge 2: 2.1 kg');
  });
});
