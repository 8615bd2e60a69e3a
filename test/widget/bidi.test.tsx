/**
 * Bidi spoofing: text from agents, visitors and the server must read in the order it was written.
 * A corpus of known tricks (Trojan Source's overrides and isolates, the `…/won exe.jpg` file name, a
 * link label that names another site, look-alike hosts) against what the visitor would see.
 */
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { showControls, withName } from '../../src/widget/ui/bidi.tsx';
import { h } from 'preact';
import { createRenderer, misleadingTarget } from '../../src/widget/ui/markdown.tsx';
import { MessageItem } from '../../src/widget/ui/message-item.tsx';
import type { UiMessage } from '../../src/widget/state/message-store.ts';

const renderMarkdown = createRenderer(h, showControls);

const RLO = '\u202E';
const LRO = '\u202D';
const RLE = '\u202B';
const PDF = '\u202C';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';
const RLM = '\u200F';

/** Every bidi control that reorders (or, in a link, that could). */
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/;
const ANY = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

function show(text: string): HTMLElement {
  return render(<p>{renderMarkdown(text)}</p>).container.querySelector('p')!;
}

/** The text nodes the browser would lay out, with what the controls became. */
const textOf = (el: Element) => el.textContent ?? '';

/** Text that reaches the layout as characters (not inside a shown-control token). */
function liveText(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const token of clone.querySelectorAll('.bidi-control')) token.remove();
  return clone.textContent ?? '';
}

const CORPUS: [string, string][] = [
  ['file name reversed by RLO', `Here is the file: invoice_${RLO}gpj.exe`],
  ['path reversed inside a sentence', `Download /usr/local/${RLO}won exe.jpg today`],
  ['LRO inside Arabic', `مرحبا ${LRO}olleh${PDF} بالعالم`],
  ['embedding regroups a domain', `visit ${RLE}bank.example${PDF}.evil.test`],
  ['Trojan Source isolate', `access level: ${RLI}user${PDI} // admin`],
  ['first-strong isolate', `total ${FSI}10 - 1${PDI} items`],
  ['unterminated override at the end', `ok ${RLO}`],
  ['override inside code', `\`rm -rf ${RLO}/ tmp\``],
  ['override inside a code block', `\`\`\`\nls ${RLO}cba\n\`\`\``],
  ['override inside emphasis', `*bold ${RLO}txet* done`],
];

describe('message bodies: reordering controls are shown, never obeyed', () => {
  it.each(CORPUS)('%s', (_name, text) => {
    const p = show(text);
    // No character that could reorder what follows reaches the layout…
    expect(liveText(p)).not.toMatch(REORDERING);
    // …each one is named where it was, so the visitor sees the trick…
    const tokens = [...p.querySelectorAll('.bidi-control')].map((t) => t.textContent);
    expect(tokens.length).toBe([...text].filter((c) => REORDERING.test(c)).length);
    for (const token of tokens) expect(token).toMatch(/^U\+(202[A-E]|206[6-9])$/);
    // …and every other character is still there, in the order it was written (markdown syntax aside).
    const order = text.replace(/[\u202A-\u202E\u2066-\u2069`*\n]/g, '');
    expect(liveText(p).replace(/\n/g, '')).toBe(order);
  });

  it('keeps the marks (RLM) that Arabic and Hebrew text needs, outside links', () => {
    const p = show(`السعر${RLM}: 20$`);
    expect(textOf(p)).toContain(RLM);
    expect(p.querySelector('.bidi-control')).toBeNull();
  });

  it('leaves text without controls as one plain string', () => {
    expect(showControls('plain مرحبا text')).toBe('plain مرحبا text');
  });
});

describe('links: no control in a label or an address', () => {
  it.each([
    ['a bare URL with RLO', `https://example.com/${RLO}fdp.exe`],
    ['a bare URL with an isolate', `https://bank.example${RLI}.evil.test`],
    ['a labelled link whose URL has RLM', `[docs](https://example.com/${RLM}x)`],
    ['Rocket.Chat link with RLO in the URL', `<https://example.com/${RLO}gpj.exe|photo>`],
  ])('%s does not become a link, and shows its controls', (_name, text) => {
    const p = show(text);
    expect(p.querySelector('a')).toBeNull();
    expect(liveText(p)).not.toMatch(REORDERING);
    // What would reorder is named; a mark (RLM) in the text around it is harmless and stays.
    expect(p.querySelectorAll('.bidi-control').length).toBe([...text].filter((c) => REORDERING.test(c)).length);
  });

  it.each([
    ['RLO in a label', `[invoice_${RLO}gpj.exe](https://files.example/invoice.exe)`],
    ['RLM in a label', `[price${RLM} list](https://example.com/list)`],
    ['isolate in a Rocket.Chat label', `<https://example.com/a|read ${FSI}me${PDI}>`],
  ])('%s: the link stays, its label shows every control', (_name, text) => {
    const a = show(text).querySelector('a')!;
    expect(a).not.toBeNull();
    expect(liveText(a)).not.toMatch(ANY);
    expect(a.querySelectorAll('.bidi-control').length).toBeGreaterThan(0);
  });
});

describe('links: a label that names another address shows the real host', () => {
  it.each([
    ['[https://bank.example/login](https://evil.test/login)', 'evil.test'],
    ['[www.bank.example](https://evil.test)', 'evil.test'],
    ['[bank.example/login](https://evil.test/login)', 'evil.test'],
    ['<https://evil.test/x|https://bank.example/x>', 'evil.test'],
    ['[support@bank.example](mailto:thief@evil.test)', 'thief@evil.test'],
    ['[https://bank.example](mailto:thief@evil.test)', 'thief@evil.test'],
    // A look-alike host is shown as the browser resolves it (punycode), so it cannot pass for the original.
    ['[https://apple.com](https://аpple.com)', 'xn--pple-43d.com'],
    ['[http://bank.example:8443](https://bank.example)', 'bank.example'],
  ])('%s → (%s)', (text, host) => {
    const a = show(text).querySelector('a')!;
    expect(a.querySelector('.link-host')?.textContent).toBe(` (${host})`);
    // The visitor and a screen reader both get it: it is part of the link's name.
    expect(a.textContent).toContain(host);
  });

  it.each([
    '[https://example.com/help](https://example.com/other)',
    '[Example.COM](https://example.com/)',
    '[read the docs](https://evil.test/docs)',
    '[mail us](mailto:help@example.com)',
    '[help@example.com](mailto:help@example.com)',
    'https://example.com/plain',
    '[2.5 release notes](https://example.com/notes)',
  ])('%s: nothing added when the label is not another address', (text) => {
    expect(show(text).querySelector('.link-host')).toBeNull();
  });

  it('compares what a label claims with where the link goes, by host', () => {
    expect(misleadingTarget('https://a.example', 'https://a.example/deep/path')).toBeUndefined();
    expect(misleadingTarget('https://a.example', 'https://b.example/')).toBe('b.example');
    expect(misleadingTarget('click here', 'https://b.example/')).toBeUndefined();
  });
});

describe('names and bodies are isolated', () => {
  const message = (over: Partial<UiMessage>): UiMessage =>
    ({ id: 'm1', from: 'agent', text: 'hello', at: Date.UTC(2026, 0, 1), status: 'sent', author: { name: 'x' }, ...over }) as UiMessage;

  it('gives every body dir="auto" (isolated by the browser) and every author a <bdi>', () => {
    const { container } = render(<ul><MessageItem message={message({ text: 'مرحبا' })} agentLabel={() => `${RLO}nimda`} queued={false} onRetry={() => {}} onEdit={() => {}} /></ul>);
    expect(container.querySelector('.msg__body')).toHaveAttribute('dir', 'auto');
    const author = container.querySelector('bdi.msg__author')!;
    expect(author).not.toBeNull();
    expect(liveText(author)).toBe('nimda');
    expect(author.querySelector('.bidi-control')?.textContent).toBe('U+202E');
  });

  it('isolates a name inside a sentence of the UI', () => {
    const { container } = render(<p>{withName('agent.typing', 'محمد')}</p>);
    expect(container.querySelector('bdi')?.textContent).toBe('محمد');
    expect(container.textContent).toBe('محمد is typing…');
  });

  it('isolates names in system messages', () => {
    const { container } = render(<ul><MessageItem message={message({ from: 'system', system: 'agent-joined' } as Partial<UiMessage>)} agentLabel={() => 'שרה'} queued={false} onRetry={() => {}} onEdit={() => {}} /></ul>);
    expect(container.querySelector('bdi')?.textContent).toBe('שרה');
  });
});
