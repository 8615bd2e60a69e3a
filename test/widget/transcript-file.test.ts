import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/widget/backend/chat-backend.ts';
import { transcriptHtml, transcriptText } from '../../src/widget/ui/transcript-file.ts';

const at = Date.parse('2025-01-15T10:00:00Z');
const messages: ChatMessage[] = [
  { id: '1', text: 'Hi, is <b>this</b> safe?', at, from: 'visitor' },
  { id: '2', text: '<script>alert(1)</script>\nSecond line', at: at + 60_000, from: 'agent', author: { username: 'ana', name: 'Ana' } },
  { id: '3', text: '', at: at + 120_000, from: 'system', system: 'chat-closed', closedBy: 'visitor' },
];
const meta = { title: 'Acme Support', agentLabel: (m: ChatMessage) => m.author?.name ?? 'Agent', now: new Date(at + 180_000) };

describe('transcript files', () => {
  it('writes every message in order with its author, time, and system events', () => {
    const file = transcriptText(messages, meta);
    expect(file.type).toBe('text/plain;charset=utf-8');
    expect(file.name).toMatch(/^chat-transcript-2025-01-15-\d{4}\.txt$/);
    const lines = file.content.split('\n');
    expect(lines[0]).toBe('Acme Support — chat transcript');
    expect(lines.filter((l) => l.startsWith('['))).toEqual([
      expect.stringMatching(/^\[.+\] You: Hi, is <b>this<\/b> safe\?$/),
      expect.stringMatching(/^\[.+\] Ana: <script>alert\(1\)<\/script>$/),
      expect.stringMatching(/^\[.+\] — You finished the chat\.$/),
    ]);
    expect(file.content).toContain('\n    Second line\n');
  });

  it('escapes every piece of message text in the HTML page, which allows no scripts', () => {
    const file = transcriptHtml(messages, meta);
    expect(file.content).not.toContain('<script>alert');
    expect(file.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(file.content).toContain('Hi, is &lt;b&gt;this&lt;/b&gt; safe?');
    expect(file.content).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    const doc = new DOMParser().parseFromString(file.content, 'text/html');
    expect([...doc.querySelectorAll('li')].map((li) => li.className)).toEqual(['visitor', 'agent', 'system']);
    expect(doc.querySelector('li.agent .text')?.textContent).toBe('<script>alert(1)</script>\nSecond line');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });
});
