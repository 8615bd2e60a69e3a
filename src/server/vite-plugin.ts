/**
 * Mounts the stand-in (REST, `/websocket`, SMTP catcher, demo bot) into Vite's dev and preview servers,
 * and in dev serves `/widget.js` as a tiny classic script that boots the loader from source, so the demo
 * page embeds the widget exactly as a customer site does while Vite keeps hot reloading.
 */
import type { Server } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { createStandin, type Standin } from './app.ts';
import { startCompanions } from './companions.ts';
import { profile } from './profiles.ts';

// Classic script: `document.currentScript` is only readable synchronously, before the module import.
const DEV_LOADER = `(function () {
  var script = document.currentScript;
  import('/src/widget/embed/loader.ts').then(function (m) {
    m.boot(script, { panelUrl: '/src/widget/panel/entry.tsx' });
  });
})();
`;

export function standinPlugin(): Plugin {
  let standin: Standin | undefined;
  let stop: (() => Promise<void>) | undefined;

  async function mount(middlewares: Connect.Server, httpServer: Server | null, dev: boolean): Promise<void> {
    standin = createStandin(profile('demo'));
    stop = await startCompanions(standin, { smtpCatcherPort: 0, demoBot: true });
    if (dev) {
      middlewares.use('/widget.js', (req, res, next) => {
        if (req.url !== '/' && !req.url?.startsWith('/?')) return next();
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(DEV_LOADER);
      });
    }
    middlewares.use((req, res, next) => standin!.handle(req, res, next));
    if (httpServer) {
      standin.attach(httpServer);
      httpServer.once('listening', () => {
        const address = httpServer.address();
        if (address && typeof address === 'object') standin!.store.settings.Site_Url = `http://127.0.0.1:${address.port}`;
        const c = standin!.connect?.config;
        if (c) console.log(`  Amazon Connect stand-in: instance ${c.instanceId}, flow ${c.contactFlowId}; start-chat backend /connect-backend/start-chat`);
      });
      httpServer.once('close', () => void standin?.close().then(stop));
    }
  }

  return {
    name: 'rocketchat-standin',
    async configureServer(server) {
      await mount(server.middlewares, server.httpServer as Server | null, true);
    },
    async configurePreviewServer(server) {
      await mount(server.middlewares, server.httpServer as Server, false);
    },
  };
}
