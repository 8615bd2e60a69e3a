/**
 * The stand-in as its own process: `npm run server -- [--port 3000] [--profile demo|test|bare]
 * [--static dist] [--smtp-catcher 2525] [--demo-bot]`. Environment: STANDIN_AGENT_USERNAME,
 * STANDIN_AGENT_PASSWORD, STANDIN_AGENT_NAME, STANDIN_AGENT_EMAIL.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createStandin } from './app.ts';
import { startCompanions } from './companions.ts';
import { notFound, serveStatic } from './http/static.ts';
import { profile, type ProfileName } from './profiles.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    profile: { type: 'string', default: 'demo' },
    static: { type: 'string' },
    'smtp-catcher': { type: 'string' },
    'demo-bot': { type: 'boolean', default: false },
  },
});

const profileName = values.profile as ProfileName;
if (!['demo', 'test', 'bare'].includes(profileName)) {
  console.error(`Unknown --profile ${profileName}: use demo, test or bare.`);
  process.exit(2);
}
const port = Number(values.port);
const host = values.host;

const standin = createStandin(profile(profileName));
const staticFiles = values.static ? serveStatic(values.static) : undefined;
const server = createServer((req, res) => {
  standin.handle(req, res, () => (staticFiles ? void staticFiles(req, res) : notFound(res)));
});
standin.attach(server);
standin.store.settings.Site_Url = `http://${host}:${port}`;

const stopCompanions = await startCompanions(standin, {
  smtpCatcherPort: values['smtp-catcher'] !== undefined ? Number(values['smtp-catcher']) : undefined,
  demoBot: values['demo-bot'] ? true : undefined,
});

function listen(): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

// A restart keeps the data (as Rocket.Chat keeps it in MongoDB) but drops every connection and is
// unreachable while down, which is what a visitor's widget sees when the real server restarts.
standin.hooks.restart = async (downMs) => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    standin.realtime.dropAll();
    standin.connect?.transport.dropAll();
    server.closeAllConnections();
  });
  await new Promise((r) => setTimeout(r, downMs));
  await listen();
  console.log(`[standin] back after a ${downMs} ms restart`);
};

await listen();
const mailbox = standin.store.settings.SMTP_Host ? `, SMTP catcher on port ${standin.store.settings.SMTP_Port}` : '';
console.log(`[standin] Rocket.Chat stand-in (${profileName}) on http://${host}:${port}${mailbox}`);
if (standin.connect) {
  const c = standin.connect.config;
  console.log(`[standin] Amazon Connect stand-in on the same origin: instance ${c.instanceId}, flow ${c.contactFlowId}, region ${c.region}; start-chat backend at /connect-backend/start-chat`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void standin.close().then(stopCompanions).finally(() => {
      server.close();
      server.closeAllConnections();
      process.exit(0);
    });
  });
}
