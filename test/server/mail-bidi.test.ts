// @vitest-environment node
/**
 * Emailed transcripts (the stand-in's, and the reference start-chat backend's) and the shared formatters
 * they are built with: a bidi control in a name or a message is shown as a named token, never obeyed,
 * and names and messages are isolated in the HTML.
 */
import { describe, expect, it } from 'vitest';
import { markdownToHtml, textToHtml } from '../../src/shared/markdown/to-html.ts';
import { markdownToText } from '../../src/shared/markdown/to-text.ts';
import { Store } from '../../src/server/store/store.ts';
import { composeTranscript } from '../../src/server/livechat/transcript.ts';
import { renderTranscript } from '../../src/start-chat/transcript/render.ts';

const RAW_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const SPOOF = 'pay to \u202Egnp.exe\u202C now';

describe('shared formatters', () => {
  it('to-html: each reordering control a token, the text around it escaped as ever', () => {
    const html = markdownToHtml(`<b>${SPOOF}</b> **\u2066x\u2069**`, { control: 'color:red' });
    expect(html).toBe(
      '&lt;b&gt;pay to <span class="bidi-control" title="hidden text-direction character" style="color:red">U+202E</span>gnp.exe' +
        '<span class="bidi-control" title="hidden text-direction character" style="color:red">U+202C</span> now&lt;/b&gt; ' +
        '<strong><span class="bidi-control" title="hidden text-direction character" style="color:red">U+2066</span>x' +
        '<span class="bidi-control" title="hidden text-direction character" style="color:red">U+2069</span></strong>',
    );
    expect(textToHtml('\u202E<i>', {}, 'a "title"')).toBe('<span class="bidi-control" title="a &#34;title&#34;">U+202E</span>&lt;i&gt;');
    // A mark is harmless in prose, not in a link's label.
    expect(markdownToHtml('a\u200Fb [\u200Fx](https://x.example)')).toMatch(/^a\u200Fb <a [^>]+><span class="bidi-control"[^>]*>U\+200F<\/span>x<\/a>$/);
  });

  it('to-text: each reordering control a visible [U+…] token', () => {
    expect(markdownToText(`**${SPOOF}**`)).toBe('pay to [U+202E]gnp.exe[U+202C] now');
    expect(markdownToText('[\u200Fx](https://x.example)')).toBe('[U+200F]x (https://x.example/)');
  });
});

describe('the stand-in’s transcript email', () => {
  it('isolates the name and the message, and shows the controls as tokens in both parts', () => {
    const store = new Store();
    const visitor = { _id: 'V1', username: 'guest-1', token: 'tok', name: '\u202Eevil Bob', ts: new Date(), _updatedAt: new Date() };
    const room = { _id: 'R1', t: 'l', v: { _id: 'V1', username: 'guest-1', token: 'tok' }, ts: new Date() };
    store.rooms.set('R1', room as never);
    store.insertMessage({ rid: 'R1', msg: SPOOF, u: { _id: 'A1', username: 'ana', name: '\u202Eevil Ana' } });
    const mail = composeTranscript(store, store.rooms.get('R1')!, visitor as never);
    expect(mail.html).not.toMatch(RAW_CONTROL);
    expect(mail.html).toMatch(/<strong><bdi><span class="bidi-control"[^>]*>U\+202E<\/span>evil Ana<\/bdi><\/strong>/);
    expect(mail.html).toMatch(/<div dir="auto">pay to <span class="bidi-control"[^>]*>U\+202E<\/span>gnp\.exe<span class="bidi-control"[^>]*>U\+202C<\/span> now<\/div>/);
    expect(mail.text).toContain('[U+202E]evil Ana');
    expect(mail.text).toContain('pay to [U+202E]gnp.exe[U+202C] now');
    expect(mail.text).not.toMatch(RAW_CONTROL);
  });
});

describe('the start-chat backend’s transcript email', () => {
  it('isolates the name and the message, and shows the controls as tokens in both parts', () => {
    const mail = renderTranscript(
      {
        contactId: 'C1',
        participantToken: 'p',
        displayName: 'Cleo',
        startedAt: 0,
        ended: true,
        items: [{ Id: 'i1', Type: 'MESSAGE', ContentType: 'text/plain', Content: SPOOF, DisplayName: 'Cleo \u202Egnp.exe', ParticipantRole: 'CUSTOMER', AbsoluteTime: '2026-11-21T10:00:00.000Z' }],
      },
      'Your chat',
    );
    expect(mail.html).not.toMatch(RAW_CONTROL);
    expect(mail.html).toMatch(/<b><bdi>Cleo <span class="bidi-control"[^>]*>U\+202E<\/span>gnp\.exe<\/bdi><\/b>/);
    expect(mail.html).toMatch(/<bdi>pay to <span class="bidi-control"[^>]*>U\+202E<\/span>gnp\.exe<span class="bidi-control"[^>]*>U\+202C<\/span> now<\/bdi>/);
    expect(mail.text).toContain('Cleo [U+202E]gnp.exe: pay to [U+202E]gnp.exe[U+202C] now');
    expect(mail.text).not.toMatch(RAW_CONTROL);
  });
});
