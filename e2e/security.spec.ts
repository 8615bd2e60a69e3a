import { EMBEDDED, RC_URL, SITE, WidgetPage, expect, test, withSetting } from './fixtures.ts';
import { XSS } from './xss-corpus.ts';

async function widgetDom(page: import('@playwright/test').Page) {
  return page.locator('[data-rocketchat-widget]').evaluate((el) => {
    const root = el.shadowRoot!;
    // Where untrusted text goes: the conversation and the header (title). The widget's own icons (SVG,
    // e.g. a message's sent tick) and agents' pictures (<img> in .avatar) are no one's text: left out
    // here, and checked apart below.
    const ours = (e: Element) => !!e.closest('svg, .avatar');
    const all = [...root.querySelectorAll('[role=log] *, h2, h2 *')].filter((e) => !ours(e));
    return {
      tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))],
      images: [...root.querySelectorAll('[role=log] img')].map((i) => ({ avatar: !!i.closest('.avatar'), src: i.getAttribute('src') ?? '', alt: i.getAttribute('alt') })),
      icons: [...root.querySelectorAll('[role=log] svg')].map((s) => s.getAttribute('aria-hidden')),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}@${a.name}`)),
      hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
    };
  });
}

test.describe('security', () => {
  test('agent, visitor and server text can never run: an XSS corpus stays text', async ({ page, widget, agent }) => {
    await withSetting(agent, 'Livechat_title', '<img src=x onerror="window.__xss=100">Support', async () => {
      await widget.goto();
      await widget.open();
      await widget.send(XSS[0]!);
      const room = await agent.roomOf(await widget.token());
      for (const payload of XSS) await agent.send(room._id, payload);
      for (const payload of XSS.slice(1, 6)) await widget.send(payload);
      await expect(widget.message(/__xss=18/)).toBeVisible();
      // Hover and click everything that could carry a handler.
      for (const link of await widget.log.getByRole('link').all()) await link.hover();
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      const dom = await widgetDom(page);
      expect(dom.handlers).toEqual([]);
      expect(dom.tags.filter((t) => ['script', 'img', 'iframe', 'svg', 'object', 'embed'].includes(t))).toEqual([]);
      for (const href of dom.hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
      // The only pictures: agents' avatars from the chat server, decorative; the only SVG: our icons.
      for (const img of dom.images) expect(img).toEqual({ avatar: true, src: expect.stringMatching(new RegExp(`^${RC_URL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/avatar/[^/?#]+$`)), alt: '' });
      expect(dom.icons.every((h) => h === 'true')).toBe(true);
      await expect(page.getByRole('heading', { name: '<img src=x onerror="window.__xss=100">Support' })).toBeVisible();
    });
  });

  test('works under a strict Content-Security-Policy: no inline scripts or styles, no eval', async ({ page, widget, agent }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const api = new URL(RC_URL);
    const ws = `${api.protocol === 'https:' ? 'wss' : 'ws'}://${api.host}`;
    await widget.goto({
      csp: `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' ${api.origin}; connect-src ${api.origin} ${ws}; base-uri 'none'; form-action 'none'`,
    });
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (e) => ((window as unknown as { __csp: string[] }).__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    await widget.open();
    await widget.send('Hello under a strict CSP');
    const room = await agent.roomOf(await widget.token());
    await agent.send(room._id, 'Replies *arrive* too, with `markdown`.');
    await expect(widget.message(/Replies/)).toBeVisible();
    await widget.finish();
    await page.getByRole('textbox', { name: 'Email address' }).fill('csp@example.com');
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await expect(page.getByText(/Transcript sent to/)).toBeVisible();
    // The widget is styled (constructable stylesheets need no nonce) and nothing was refused.
    const launcherBg = await widget.launcher().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(launcherBg).not.toBe('rgba(0, 0, 0, 0)');
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(violations).toEqual([]);
  });

  test('when the chat server refuses this website (CORS off), the visitor is told and the site owner is shown the fix', async ({ page, widget, agent }) => {
    test.skip(!EMBEDDED, 'switching CORS off on a shared server would break other visitors');
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await withSetting(agent, 'API_Enable_CORS', false, async () => {
      await widget.goto();
      await widget.openPanel();
      await expect(page.getByRole('alert')).toContainText(
        'The chat could not be loaded. The chat server refused this website. The site owner needs to allow it in the chat server settings (CORS).',
      );
    });
    // The widget's own hint for the site owner, with the setting to change.
    expect(errors.some((e) => e.includes('[chat widget]') && e.includes('Enable CORS') && e.includes(SITE))).toBe(true);
  });

  test('an origin not in the allowed list is refused the same way, and an allowed one works', async ({ page, widget, agent }) => {
    test.skip(!EMBEDDED, 'changing the allowed origins on a shared server would break other sites');
    await withSetting(agent, 'API_CORS_Origin', 'https://shop.example.com', async () => {
      await widget.goto();
      await widget.openPanel();
      await expect(page.getByRole('alert')).toContainText('The chat server refused this website.');
    });
    await withSetting(agent, 'API_CORS_Origin', `https://shop.example.com, ${SITE}`, async () => {
      const other = new WidgetPage(await (await page.context().browser()!.newContext()).newPage());
      await other.goto();
      await other.open();
      await other.page.context().close();
    });
  });
});
