/**
 * A single-page app as a site owner's developer writes one: the widget from npm, mounted with options,
 * a client-side router (history.pushState), and the widget's analytics events shown on the page.
 */
import { mount, unmount, type WidgetEventName, type WidgetOptions } from 'visitor-chat-widget';

const params = new URLSearchParams(location.search);
const options: WidgetOptions = {
  serverUrl: params.get('server') ?? 'https://chat.example.com',
  ...(params.get('position') ? { position: params.get('position') as WidgetOptions['position'] } : {}),
};
const base = location.pathname.replace(/\/[^/]*$/, '');
const heading = document.getElementById('route')!;
const list = document.getElementById('events')!;

const ANALYTICS: WidgetEventName[] = ['onChatStarted', 'onMessageSent', 'onMessageReceived', 'onChatEnded', 'onTranscriptRequested'];

function start(): void {
  mount(options);
  // The page API exists once mounted; each mount has its own, so listen again after each.
  for (const name of ANALYTICS) {
    window.RocketChat!.livechat[name](() => {
      const item = document.createElement('li');
      item.textContent = name;
      list.append(item);
    });
  }
}

function show(path: string): void {
  const page = path.split('/').pop() || 'home';
  // The title stays: the widget must hear the navigation itself, not a title change.
  heading.textContent = page[0]!.toUpperCase() + page.slice(1);
}

// The router: links change the URL with pushState, as React Router or Vue Router do.
document.querySelector('nav')!.addEventListener('click', (e) => {
  const link = (e.target as Element).closest('a');
  if (!link) return;
  e.preventDefault();
  const path = `${base}${link.getAttribute('href')}${location.search}`;
  history.pushState({}, '', path);
  show(link.getAttribute('href')!);
});
window.addEventListener('popstate', () => show(location.pathname));
document.getElementById('mount')!.addEventListener('click', start);
document.getElementById('unmount')!.addEventListener('click', () => unmount());
start();
