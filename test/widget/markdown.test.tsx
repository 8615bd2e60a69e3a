import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { h } from 'preact';
import { createRenderer, safeHref } from '../../src/widget/ui/markdown.tsx';
import { showControls } from '../../src/widget/ui/bidi.tsx';

const renderMarkdown = createRenderer(h, showControls);

/** Renders the way a message body would, and returns the <p>. */
function show(text: string): HTMLElement {
  const { container } = render(<p>{renderMarkdown(text)}</p>);
  return container.querySelector('p')!;
}

/** `<` `>` `&` as innerHTML writes them in text. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// SPAN: a shown bidi control or a link's real host (bidi.tsx), with a fixed class and nothing else.
const ALLOWED_TAGS = new Set(['P', 'STRONG', 'EM', 'S', 'CODE', 'PRE', 'BR', 'A', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'SPAN']);

/** What must hold for any input at all: only our tags, no handlers, only safe links. */
function expectSafe(p: HTMLElement) {
  for (const el of p.querySelectorAll('*')) {
    expect(ALLOWED_TAGS.has(el.tagName), `unexpected <${el.tagName}>`).toBe(true);
    for (const attr of el.getAttributeNames()) expect(attr.toLowerCase().startsWith('on'), attr).toBe(false);
    if (el.tagName === 'A') {
      expect(el.getAttributeNames().sort()).toEqual(['href', 'rel', 'target', 'title']);
      // The widget's own words, never the message's.
      expect(el).toHaveAttribute('title', 'Opens in a new tab');
      expect(el.getAttribute('href')).toMatch(/^(https?:\/\/[^\s]|mailto:)/);
      expect(el).toHaveAttribute('target', '_blank');
      expect(el).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    } else if (el.tagName === 'SPAN') {
      expect(['bidi-control', 'link-host']).toContain(el.getAttribute('class'));
      expect(el.getAttributeNames().filter((a) => a !== 'class' && a !== 'title')).toEqual([]);
    } else if (el.tagName === 'OL' && el.hasAttribute('start')) {
      expect(el.getAttributeNames()).toEqual(['start']);
      expect(el.getAttribute('start')).toMatch(/^\d+$/);
    } else {
      expect(el.getAttributeNames()).toEqual([]);
    }
  }
  expect(p.querySelector('script, img, iframe, svg, object, embed, style, form, input, math, video, audio')).toBeNull();
}

const hrefs = (p: HTMLElement) => [...p.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('renderMarkdown: plain text', () => {
  it.each([
    'Hello, world! 1 + 2 = 3 (ok) [sic] 50% off; a/b',
    'مرحبا بالعالم — שלום 👋🏽 👨‍👩‍👧 日本語のテキスト',
    'price: 5 * 3 = 15, a_b, c~d, email@example.com',
    '',
  ])('renders %j as exactly that text', (text) => {
    const p = show(text);
    expect(p.children).toHaveLength(0);
    expect(p.textContent).toBe(text);
    expect([...p.childNodes].every((n) => n.nodeType === Node.TEXT_NODE)).toBe(true);
  });

  it('shows HTML in the text as text', () => {
    const text = '<b>bold?</b> <i>no</i> &amp; <script>alert(1)</script>';
    const p = show(text);
    expect(p.children).toHaveLength(0);
    expect(p.textContent).toBe(text);
  });

  it('returns nodes, not an HTML string', () => {
    const out = renderMarkdown('*a* <b>');
    expect(Array.isArray(out)).toBe(true);
    expect(out).not.toContain('<strong>');
  });
});

describe('renderMarkdown: emphasis', () => {
  it.each([
    ['*bold*', '<strong>bold</strong>'],
    ['_italic_', '<em>italic</em>'],
    ['~strike~', '<s>strike</s>'],
    ['~~strike~~', '<s>strike</s>'],
    ['**bold**', '<strong>bold</strong>'],
    ['a *b c* d', 'a <strong>b c</strong> d'],
    ['(*in parens*), _quoted_!', '(<strong>in parens</strong>), <em>quoted</em>!'],
    ['*one* and *two*', '<strong>one</strong> and <strong>two</strong>'],
    ['_snake_case_', '<em>snake_case</em>'],
    ['*bold _and italic_*', '<strong>bold <em>and italic</em></strong>'],
    ['_~*all three*~_', '<em><s><strong>all three</strong></s></em>'],
    ['*a _b* c_', '<strong>a _b</strong> c_'],
    ['*👋 مرحبا*', '<strong>👋 مرحبا</strong>'],
  ])('%j → %s', (text, html) => {
    expect(show(text).innerHTML).toBe(html);
  });

  it.each([
    'snake_case_name',
    '2*3*4',
    'a~b~c',
    '* not bold *',
    '*not bold *',
    '* not bold*',
    '_ not italic _',
    '~ not struck ~',
    '**',
    '*',
    '_',
    '~~~',
    '*unclosed',
    'unopened*',
    'x*y* and _z_w',
    'file_name is not_ italic',
    'a*b c* d',
    'x~y z~',
    '**half*',
  ])('leaves %j literal', (text) => {
    const p = show(text);
    expect(p.children).toHaveLength(0);
    expect(p.textContent).toBe(text);
  });

  it('needs both markers on one line', () => {
    expect(show('*a\nb*').innerHTML).toBe('*a<br>b*');
    expect(show('_a\r\nb_').innerHTML).toBe('_a<br>b_');
  });
});

describe('renderMarkdown: inline code', () => {
  it('makes <code> and formats nothing inside it', () => {
    const inside = '*x* _y_ [a](https://a.com) https://b.com <b>c</b>';
    const p = show(`run \`${inside}\` now`);
    const code = p.querySelector('code')!;
    expect(code).not.toBeNull();
    expect(code.textContent).toBe(inside);
    expect(code.children).toHaveLength(0);
    expect(p.querySelector('strong, em, a, b')).toBeNull();
    expect(p.textContent).toBe(`run ${inside} now`);
  });

  it('matches runs of the same length', () => {
    expect(show('``a ` b``').innerHTML).toBe('<code>a ` b</code>');
    expect(show('```x```').innerHTML).toBe('<code>x</code>');
  });

  it('keeps a lone backtick', () => {
    const p = show("it`s a `` mismatch");
    expect(p.children).toHaveLength(0);
    expect(p.textContent).toBe("it`s a `` mismatch");
  });

  it('is not broken by emphasis around it', () => {
    expect(show('*a `b*` c*').innerHTML).toBe('<strong>a <code>b*</code> c</strong>');
  });
});

describe('renderMarkdown: code blocks', () => {
  const body = 'const a = *1*; // _x_\n<b>html</b> https://x.com\n\n  indented `tick`';

  it('makes <pre><code> with the exact content, and ignores the language word', () => {
    const p = show(`before\n\`\`\`js\n${body}\n\`\`\`\nafter`);
    const code = p.querySelector('pre > code')!;
    expect(code).not.toBeNull();
    expect(code.textContent).toBe(body);
    expect(code.children).toHaveLength(0);
    expect(p.querySelector('strong, em, a, b, br')).toBeNull();
  });

  it('puts no <br> beside the block and nothing formatted in it', () => {
    const p = show(`before\n\`\`\`\n${body}\n\`\`\`\nafter`);
    expect(p.innerHTML).toBe(`before<pre><code>${esc(body)}</code></pre>after`);
  });

  it('handles CRLF line endings and an empty block', () => {
    expect(show('a\r\n```\r\nx\r\ny\r\n```').innerHTML).toBe('a<pre><code>x\ny</code></pre>');
    expect(show('```\n```').innerHTML).toBe('<pre><code></code></pre>');
  });

  it('leaves an unclosed fence as text', () => {
    const p = show('```js\ncode *x*');
    expect(p.querySelector('pre')).toBeNull();
    expect(p.innerHTML).toBe('```js<br>code <strong>x</strong>');
  });

  it('keeps several blocks apart', () => {
    expect(show('```\na\n```\n```\nb\n```').innerHTML).toBe('<pre><code>a</code></pre><pre><code>b</code></pre>');
  });
});

describe('renderMarkdown: links', () => {
  it('renders [label](url)', () => {
    show('see [the docs](https://example.com/docs?q=1) please');
    const a = screen.getByRole('link', { name: 'the docs' });
    expect(a).toHaveAttribute('href', 'https://example.com/docs?q=1');
    expect(a).toHaveAttribute('target', '_blank');
    expect(a).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  });

  it("renders Rocket.Chat's <url|label>", () => {
    const p = show('go to <https://example.com/a|the example site> now');
    const a = screen.getByRole('link', { name: 'the example site' });
    expect(a).toHaveAttribute('href', 'https://example.com/a');
    expect(a).toHaveAttribute('target', '_blank');
    expect(a).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(p.textContent).toBe('go to the example site now');
  });

  it.each([
    ['https://example.com/path?a=1&b=2#frag', 'https://example.com/path?a=1&b=2#frag', 'https://example.com/path?a=1&b=2#frag'],
    ['http://example.com', 'http://example.com/', 'http://example.com'],
    ['www.example.com', 'https://www.example.com/', 'www.example.com'],
    ['mailto:someone@example.com', 'mailto:someone@example.com', 'mailto:someone@example.com'],
    ['HTTPS://Example.COM/X', 'https://example.com/X', 'HTTPS://Example.COM/X'],
  ])('links the bare URL %j', (text, href, name) => {
    const p = show(`before ${text} after`);
    const a = screen.getByRole('link', { name });
    expect(a).toHaveAttribute('href', href);
    expect(a).toHaveAttribute('target', '_blank');
    expect(a).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(p.textContent).toBe(`before ${text} after`);
  });

  it('leaves trailing punctuation out of bare URLs', () => {
    const p = show('https://a.com/x, https://a.com/y! (https://a.com/z) https://a.com/q? https://a.com/w. https://a.com/e:');
    expect(hrefs(p)).toEqual([
      'https://a.com/x',
      'https://a.com/y',
      'https://a.com/z',
      'https://a.com/q',
      'https://a.com/w',
      'https://a.com/e',
    ]);
    expect(p.textContent).toBe('https://a.com/x, https://a.com/y! (https://a.com/z) https://a.com/q? https://a.com/w. https://a.com/e:');
  });

  it('keeps balanced parentheses inside a URL', () => {
    const wiki = 'https://en.wikipedia.org/wiki/Foo_(bar)';
    expect(hrefs(show(wiki))).toEqual([wiki]);
    expect(hrefs(show(`(see ${wiki}).`))).toEqual([wiki]);
    expect(hrefs(show(`[Foo](${wiki})`))).toEqual([wiki]);
    expect(screen.getByRole('link', { name: 'Foo' })).toHaveAttribute('href', wiki);
  });

  it('formats labels and links inside formatting', () => {
    const p = show('[*bold* label](https://x.com) and *https://y.com*');
    const label = screen.getByRole('link', { name: 'bold label' });
    expect(label.querySelector('strong')).toHaveTextContent('bold');
    expect(p.querySelector('strong > a')).toHaveAttribute('href', 'https://y.com/');
  });

  it('does not italicise underscores in URLs', () => {
    const p = show('_see https://x.com/a_b_c_');
    expect(p.querySelector('em > a')).toHaveAttribute('href', 'https://x.com/a_b_c');
    expect(p.querySelector('em')).toHaveTextContent('see https://x.com/a_b_c');
  });

  it('does not nest links', () => {
    const p = show('[https://a.com](https://b.com) <https://c.com|www.d.com>');
    expect(hrefs(p)).toEqual(['https://b.com/', 'https://c.com/']);
  });

  it('links only at a word boundary and only with something after the prefix', () => {
    for (const text of ['foohttps://x.com', 'https://', 'www.', 'mailto:', 'a.www.x.com', 'user@www.x.com']) {
      const p = show(text);
      expect(p.querySelector('a'), text).toBeNull();
      expect(p.textContent).toBe(text);
    }
  });
});

describe('renderMarkdown: line breaks', () => {
  it('turns \\n into <br> and keeps newlines out of text nodes', () => {
    const p = show('a\nb\r\n\r\nc\n');
    expect(p.innerHTML).toBe('a<br>b<br><br>c<br>');
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) expect(n.nodeValue).not.toMatch(/[\r\n]/);
  });
});

describe('renderMarkdown: lists and quotes', () => {
  it('makes a list of "- " lines, formatting each item', () => {
    const p = show('Your order:\n- tracking: `1Z999`\n- carrier: *UPS*\nThanks');
    expect(p.innerHTML).toBe('Your order:<ul><li>tracking: <code>1Z999</code></li><li>carrier: <strong>UPS</strong></li></ul>Thanks');
    expectSafe(p);
  });

  it('makes a numbered list, keeping a first number other than 1', () => {
    expect(show('1. one\n2. two').innerHTML).toBe('<ol><li>one</li><li>two</li></ol>');
    expect(show('3) three\n4) four').innerHTML).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
  });

  it('starts a new list when the kind changes', () => {
    expect(show('- a\n1. b').innerHTML).toBe('<ul><li>a</li></ul><ol><li>b</li></ol>');
  });

  it('quotes "> " lines, one quote for consecutive lines', () => {
    const p = show('> first _line_\n> second\nreply');
    expect(p.innerHTML).toBe('<blockquote>first <em>line</em><br>second</blockquote>reply');
  });

  it('leaves look-alikes as text: "-1 degrees", ">_<", "1.5 kg", HTML', () => {
    for (const text of ['-1 degrees', '>_<', '1.5 kg', '<ul><li>x</li></ul>', '* not a list']) {
      const p = show(text);
      expect(p.children, text).toHaveLength(0);
      expect(p.textContent).toBe(text);
    }
  });

  it('keeps hostile list and quote text as text', () => {
    const p = show('- <img src=x onerror=alert(1)>\n> <script>alert(1)</script> [x](javascript:alert(1))');
    expectSafe(p);
    expect(p.querySelector('li')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(hrefs(p)).toEqual([]);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['HTTP://Example.com/a?b#c', 'http://example.com/a?b#c'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
  ])('accepts %j as %j', (raw, href) => {
    expect(safeHref(raw)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    ' https://example.com',
    'https://example.com\u0000',
    'https://exa\u007fmple.com',
    'https://example.com/a b',
    'https://example.com\u00a0',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com',
    '//evil.example',
    '/relative',
    '#',
    '',
    'javascript&#58;alert(1)',
  ])('refuses %j', (raw) => {
    expect(safeHref(raw)).toBeUndefined();
  });
});

describe('renderMarkdown: hostile input', () => {
  // None of these may produce a link, an element other than text formatting, or an attribute.
  const noLink = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '"><script>alert(document.cookie)</script>',
    '<body onload=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](java\u0000script:alert(1))',
    '[x](\u0001javascript:alert(1))',
    '[x]( javascript:alert(1))',
    '[x](javascript:alert(1) "title")',
    '[x](javascript&#58;alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](%6Aavascript:alert(1))',
    '[x](javascript:alert(1)//https://ok.com)',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '[x](//evil.example)',
    '[x](/relative/path)',
    '[x](#)',
    '[x](](#))',
    '<javascript:alert(1)|x>',
    '<JAVASCRIPT:alert(1)|click me>',
    '<data:text/html;base64,PHNjcmlwdD4=|x>',
    '<//evil.example|x>',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'www.javascript:alert(1)',
    '[[x](javascript:alert(1))](#)',
    '[x](java\nscript:alert(1))',
    '`<img src=x onerror=alert(1)>`',
    '```\n<script>alert(1)</script>\n```',
    '*<img src=x onerror=alert(1)>*',
  ];

  it.each(noLink)('%j makes no link and nothing executable', (text) => {
    const p = show(text);
    expectSafe(p);
    expect(p.querySelector('a')).toBeNull();
    // Everything the text said is still there, as text.
    const flat = text.replace(/\r?\n/g, '');
    if (!/[*`]/.test(text)) expect(p.textContent).toBe(flat);
  });

  // These may make a link, but only a safe one, and the hostile part stays text.
  const mixed = [
    '[ok](https://ok.example)](javascript:alert(1))',
    '[[x](javascript:alert(1))](https://ok.example)',
    '<https://ok.example|x" onmouseover="alert(1)>',
    '[x" onclick="alert(1)](https://ok.example)',
    'https://ok.example/"onmouseover="alert(1)',
    "https://ok.example/'onmouseover='alert(1)'",
    'https://ok.example/<script>alert(1)</script>',
    'mailto:a@ok.example?body=<img src=x onerror=alert(1)>',
    '[<img src=x onerror=alert(1)>](https://ok.example)',
    '<https://ok.example|<script>alert(1)</script>>',
    '[x](https://ok.example\u0000)',
    '[x](https://ok.example javascript:alert(1))',
  ];

  it.each(mixed)('%j stays safe', (text) => {
    const p = show(text);
    expectSafe(p);
    for (const h of hrefs(p)) expect(h).toMatch(/^(https:\/\/ok\.example\/|mailto:a@ok\.example\?)/);
  });

  it('keeps hostile link text in the label as text', () => {
    const p = show('[<img src=x onerror=alert(1)>](https://ok.example)');
    const a = screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' });
    expect(a.children).toHaveLength(0);
    expect(p.querySelector('img')).toBeNull();
  });

  it('never throws and stays safe on random markup soup', () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pieces = ['*', '_', '~', '`', '```', '[', ']', '(', ')', '<', '>', '|', ' ', '\n', '\r\n', 'a', 'é', '👋',
      'https://', 'www.', 'mailto:', 'javascript:', 'x.com', '.', ',', '!', ':', '"', '\t', '\u0000', 'onerror=', '#', '- ', '1. ', '> '];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const len = 1 + rand(120);
      for (let i = 0; i < len; i++) text += pieces[rand(pieces.length)];
      expect(() => expectSafe(show(text)), JSON.stringify(text)).not.toThrow();
    }
  });
});

describe('renderMarkdown: pathological input', () => {
  const cases: [string, string][] = [
    ['stars', '*'.repeat(5000)],
    ['underscore-a', '_a'.repeat(3000)],
    ['open brackets', '['.repeat(3000)],
    ['link openers', '[a]('.repeat(2000)],
    ['unfinished link urls', '[a](x'.repeat(2000)],
    ['Rocket.Chat link openers', '<a|'.repeat(3000)],
    ['angle brackets', '<'.repeat(5000)],
    ['backticks', '`'.repeat(5000)],
    ['backtick runs', Array.from({ length: 100 }, (_, i) => '`'.repeat(i + 1) + 'x').join('')],
    ['openers without closers', '*a '.repeat(3000)],
    ['closers without openers', ' a*'.repeat(3000)],
    ['tildes', '~~'.repeat(3000)],
    ['mixed markers', '*_~'.repeat(2000)],
    ['url of parens', 'https://x.com/' + '('.repeat(5000)],
    ['url of closing parens', 'https://x.com/' + ')'.repeat(5000)],
    ['url prefixes', 'http://'.repeat(1000)],
    ['www prefixes', 'www.'.repeat(2000)],
    ['unclosed fences', '```a\n'.repeat(2000)],
    ['newlines', '\n'.repeat(5000)],
    ['10,000 characters', 'x'.repeat(10_000)],
    ['realistic', 'Hi *there*, see https://example.com/a_(b) and `code` _ok_ ~no~ [l](https://x.y)\n'.repeat(70)],
  ];

  // How fast these render is measured by `npm run bench:markdown` (figures, and the ratio of twice the
  // input to once, in one run); here: each renders, safely, and loses none of its words.
  it.each(cases)('renders %s safely, keeping its text', (_name, text) => {
    const p = show(text);
    expect(() => expectSafe(p)).not.toThrow();
    const words = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    // Markers may be consumed as formatting; letters and digits never are (a link shows its label).
    if (!/\[|<\S*\|/.test(text)) expect(words(p.textContent ?? '')).toBe(words(text));
  });
});
