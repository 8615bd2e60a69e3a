import { render } from 'preact';
import { ConnectAgentClient } from '../../shared/amazon-connect/agent-client.ts';
import { createBrowserClient } from './state/client.ts';
import { createDemoBot } from './state/demo-bot.ts';
import { createSession } from './state/session.ts';
import { App } from './ui/app.tsx';
import './agent-console.css';

const bot = createDemoBot();
void bot.load();
const session = createSession({ createClient: createBrowserClient, createConnectClient: () => new ConnectAgentClient(window.location.origin), bot });
render(<App session={session} />, document.getElementById('app')!);
