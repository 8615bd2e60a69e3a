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
    expect(doc.querySelector('li.agent .text')?.textContent).toBe('<script>alert(1)</script>Second line');
    expect(doc.querySelector('li.agent .text br')).not.toBeNull();
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  const formatted: ChatMessage[] = [
    {
      id: '4',
      text: 'Your order **#1042** shipped:\n- tracking: `1Z999`\n- see [the tracker](https://example.com/track) or www.example.com\n> Thanks! [x](javascript:alert(1))',
      at,
      from: 'agent',
      author: { username: 'ana', name: 'Ana' },
    },
  ];

  it('renders formatting in the web page: bold, code, a list, a quote, and links that open outside', () => {
    const doc = new DOMParser().parseFromString(transcriptHtml(formatted, meta).content, 'text/html');
    const text = doc.querySelector('li.agent .text')!;
    expect(text.querySelector('strong')?.textContent).toBe('#1042');
    expect(text.querySelector('code')?.textContent).toBe('1Z999');
    expect([...text.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['tracking: 1Z999', 'see the tracker or www.example.com']);
    expect([...text.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')])).toEqual([
      ['the tracker', 'https://example.com/track', '_blank'],
      ['www.example.com', 'https://www.example.com/', '_blank'],
    ]);
    expect(text.querySelector('blockquote')?.textContent).toBe('Thanks! [x](javascript:alert(1))');
  });

  it('renders formatting as plain text: no markers, bullets, and every link followable', () => {
    const content = transcriptText(formatted, meta).content;
    expect(content).toContain('Ana: Your order #1042 shipped:');
    expect(content).toContain('    • tracking: 1Z999\n    • see the tracker (https://example.com/track) or www.example.com');
    expect(content).toContain('    > Thanks! [x](javascript:alert(1))');
    expect(content).not.toContain('**');
  });

  // `pay to \u202Egnp.exe\u202C now` would read "pay to exe.png now" if the override acted.
  const spoofed: ChatMessage[] = [
    { id: '5', text: 'pay to \u202Egnp.exe\u202C now', at, from: 'agent', author: { username: 'evil', name: '\u202Eevil Bob' } },
    { id: '6', text: '[\u200Fbank.example](https://evil.example)', at, from: 'agent', author: { username: 'evil', name: '\u202Eevil Bob' } },
  ];
  const RAW_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

  it('shows bidi controls as tokens in the web page, each message and name isolated', () => {
    const doc = new DOMParser().parseFromString(transcriptHtml(spoofed, meta).content, 'text/html');
    const [first, second] = [...doc.querySelectorAll('li.agent')];
    const text = first!.querySelector('.text')!;
    expect(text.getAttribute('dir')).toBe('auto');
    expect(text.textContent).toBe('pay to U+202Egnp.exeU+202C now');
    expect([...text.querySelectorAll('span.bidi-control')].map((t) => [t.textContent, t.getAttribute('title')])).toEqual([
      ['U+202E', 'hidden text-direction character'],
      ['U+202C', 'hidden text-direction character'],
    ]);
    const name = first!.querySelector('.meta strong > bdi')!;
    expect(name.textContent).toBe('U+202Eevil Bob');
    expect(name.querySelector('span.bidi-control')).not.toBeNull();
    // In a link's label, the marks too.
    expect(second!.querySelector('.text a')?.textContent).toBe('U+200Fbank.example');
    expect(doc.body.textContent).not.toMatch(RAW_CONTROL);
  });

  it('writes bidi controls as visible tokens in the text file', () => {
    const content = transcriptText(spoofed, meta).content;
    expect(content).toMatch(/\] \[U\+202E\]evil Bob: pay to \[U\+202E\]gnp\.exe\[U\+202C\] now\n/);
    expect(content).toContain('[U+200F]bank.example (https://evil.example/)');
    expect(content).not.toMatch(RAW_CONTROL);
  });
});
