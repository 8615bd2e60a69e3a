import { render } from 'preact';
import { AgentClient } from '../../shared/rocketchat/agent-client.ts';
import { createSettingsPage } from './state/settings.ts';
import { App } from './ui/app.tsx';
import './settings.css';

// The demo admin is the demo agent (agent / agent-pass). Signing in over REST only: no live session,
// so the demo bot keeps answering as if nobody were at the console.
const page = createSettingsPage({ client: new AgentClient(window.location.origin), siteStorage: localStorage });
void page.signIn();
render(<App page={page} />, document.getElementById('app')!);
