/**
 * What runs beside the stand-in in the demo and the e2e suite: an SMTP catcher the stand-in sends its
 * mail to, and the demo agent bot. Shared by the standalone server and the Vite plugin.
 */
import type { Standin } from './app.ts';
import { startDemoBot } from './demo/demo-bot.ts';
import { startSmtpCatcher } from './mail/smtp-catcher.ts';

export interface CompanionOptions {
  /** Start an SMTP catcher on this loopback port (0 = any free port); undefined = none. */
  smtpCatcherPort?: number;
  /** Run the demo bot (switched on or off); undefined = none. */
  demoBot?: boolean;
  /** How long the bot "types" before it answers. @default 900 */
  demoBotDelayMs?: number;
}

export async function startCompanions(standin: Standin, options: CompanionOptions): Promise<() => Promise<void>> {
  const stops: (() => Promise<void> | void)[] = [];
  if (options.smtpCatcherPort !== undefined) {
    const catcher = await startSmtpCatcher(options.smtpCatcherPort);
    standin.store.settings.SMTP_Host = '127.0.0.1';
    standin.store.settings.SMTP_Port = catcher.port;
    standin.hooks.mailbox = () => catcher.mails;
    stops.push(() => catcher.close());
  }
  if (options.demoBot !== undefined) {
    const bot = startDemoBot(standin.store, standin.realtime, { enabled: options.demoBot, ...(options.demoBotDelayMs !== undefined ? { delayMs: options.demoBotDelayMs } : {}) });
    standin.hooks.demoBot = bot.state;
    stops.push(bot.stop);
  }
  return async () => {
    for (const stop of stops) await stop();
  };
}
