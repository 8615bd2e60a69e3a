/**
 * Mounts the stand-in (REST, `/websocket`, SMTP catcher, demo bot) into Vite's dev and preview servers,
 * and in dev serves `/widget.js` as a tiny classic script that boots the loader from source, so the demo
 * page embeds the widget exactly as a customer site does while Vite keeps hot reloading.
 */
import type { Server } from 'node:http';
import type { Connect, Plugin, ViteDevServer } from 'vite';
import { createStandin, type Standin } from './app.ts';
import { startCompanions } from './companions.ts';
import { profile } from './profiles.ts';
import { DEMO_DATA_DIR } from './store/data-dir.ts';
import { DataDirLockedError } from './store/journal.ts';

// Classic script: `document.currentScript` is only readable synchronously, before the module import.
const DEV_LOADER = `(function () {
  var script = document.currentScript;
  import('/src/widget/embed/loader.ts').then(function (m) {
    var panel = '/src/widget/panel/entry.tsx';
    m.boot(script, { panelUrl: panel, connectUrl: panel, stringsUrl: '/src/widget/embed/launcher-strings.ts', apiUrl: '/src/widget/embed/page-api.ts' });
  });
})();
`;

/** The demo keeps its visitors and rooms across restarts; a second dev server on the same folder runs in memory. */
function openDemoStandin(): Standin {
  try {
    return createStandin({ ...profile('demo'), dataDir: DEMO_DATA_DIR });
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    console.warn(`[standin] ${e.message}; this dev server keeps its data in memory.`);
    return createStandin(profile('demo'));
  }
}

/** The demo's other pages, printed under Vite's own "Local:" line so nobody has to read the README first. */
export const DEMO_PAGES = [
  ['Agent console', '/demo/agent.html'],
  ['Mailbox', '/demo/mailbox.html'],
  ['Settings', '/demo/settings.html'],
  ['On Amazon Connect', '/connect.html'],
] as const;

function printDemoUrls(server: ViteDevServer): void {
  const print = server.printUrls.bind(server);
  server.printUrls = () => {
    print();
    const base = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
    if (!base) return;
    for (const [name, path] of DEMO_PAGES) server.config.logger.info(`  ➜  ${`${name}:`.padEnd(20)}${base}${path}`);
    server.config.logger.info(`     Until an agent signs in at the console, a demo bot answers the chat.`);
  };
}

export function standinPlugin(): Plugin {
  let standin: Standin | undefined;
  let stop: (() => Promise<void>) | undefined;

  async function mount(middlewares: Connect.Server, httpServer: Server | null, dev: boolean): Promise<void> {
    standin = openDemoStandin();
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
      printDemoUrls(server);
    },
    async configurePreviewServer(server) {
      await mount(server.middlewares, server.httpServer as Server, false);
    },
  };
}
