/**
 * Ready-made seeds. `demo` and `test` switch on what an embedding site needs (CORS, transcripts) and turn
 * the rate limiter off, as Rocket.Chat's own TEST_MODE does; `bare` is Rocket.Chat's defaults plus one agent.
 */
import type { StandinOptions } from './app.ts';
import { DEFAULT_THROTTLE } from './connect/http/throttle.ts';
import type { ConnectStandinOptions } from './connect/connect-standin.ts';
import type { AgentSeed } from './seed.ts';

export type ProfileName = 'demo' | 'test' | 'bare';

export function demoAgent(env: NodeJS.ProcessEnv = process.env): AgentSeed {
  return {
    username: env.STANDIN_AGENT_USERNAME || 'agent',
    name: env.STANDIN_AGENT_NAME || 'Ana Agent',
    password: env.STANDIN_AGENT_PASSWORD || 'agent-pass',
    email: env.STANDIN_AGENT_EMAIL || 'ana.agent@example.test',
    admin: true,
    available: true,
    departments: ['Sales', 'Support'],
  };
}

/** The Amazon Connect stand-in's instance, flow and agent, overridable by environment. */
export function connectProfile(name: ProfileName, env: NodeJS.ProcessEnv = process.env): ConnectStandinOptions {
  return {
    region: env.STANDIN_CONNECT_REGION || 'us-east-1',
    ...(env.STANDIN_CONNECT_INSTANCE_ID ? { instanceId: env.STANDIN_CONNECT_INSTANCE_ID } : {}),
    ...(env.STANDIN_CONNECT_FLOW_ID ? { contactFlowId: env.STANDIN_CONNECT_FLOW_ID } : {}),
    agentName: env.STANDIN_AGENT_NAME || 'Ana Agent',
    // Like Rocket.Chat's rate limiter, throttling is off where a site is being built and tested.
    throttle: name === 'bare' ? DEFAULT_THROTTLE : false,
    ...(name === 'bare' ? {} : { greeting: 'Thanks for contacting Acme Outdoor Gear. An agent will be with you shortly.' }),
  };
}

export function profile(name: ProfileName, env: NodeJS.ProcessEnv = process.env): StandinOptions {
  const agents = [demoAgent(env)];
  if (name === 'bare') return { agents, edition: 'community', connect: connectProfile(name, env) };
  return {
    agents,
    departments: [
      { name: 'Sales', email: 'sales@example.test' },
      { name: 'Support', email: 'support@example.test' },
    ],
    // Shown in the registration form when it is switched on (Livechat_registration_form).
    customFields: [
      { _id: 'company', label: 'Company', type: 'input', required: false, visibility: 'visible', scope: 'visitor', public: true },
      { _id: 'plan', label: 'Plan', type: 'select', options: 'Free,Pro,Enterprise', required: false, visibility: 'visible', scope: 'visitor', public: true },
    ],
    settings: {
      API_Enable_CORS: true,
      API_CORS_Origin: '*',
      API_Enable_Rate_Limiter: false,
      Site_Name: 'Acme Outdoor Gear',
      Livechat_title: 'Acme Support',
      Livechat_title_color: '#1D4ED8',
      Livechat_enable_transcript: true,
      Livechat_offline_email: 'offline@example.test',
      Livechat_validate_offline_email: false,
      From_Email: 'support@acme.example',
      Livechat_registration_form: false,
    },
    controls: true,
    connect: connectProfile(name, env),
  };
}
