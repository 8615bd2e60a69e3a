/**
 * StartChatContact with the official `@aws-sdk/client-connect` (a runtime dependency of this module only:
 * it never reaches the widget bundle). Real credentials come from the SDK's provider chain in production;
 * the stand-in takes any, so tests and the demo give static dummy keys and an endpoint override.
 */
import { ConnectClient, StartChatContactCommand, type StartChatContactCommandOutput } from '@aws-sdk/client-connect';
import type { StartChatConfig } from './config.ts';
import type { StartChatInput } from './validate.ts';

const clients = new Map<string, ConnectClient>();

function clientFor(config: StartChatConfig, endpoint: string | undefined): ConnectClient {
  const key = `${config.region} ${endpoint ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = new ConnectClient({
      region: config.region,
      ...(endpoint ? { endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      maxAttempts: 3,
    });
    clients.set(key, client);
  }
  return client;
}

export function startChatContact(config: StartChatConfig, input: StartChatInput, endpoint: string | undefined): Promise<StartChatContactCommandOutput> {
  return clientFor(config, endpoint).send(
    new StartChatContactCommand({
      InstanceId: config.instanceId,
      ContactFlowId: config.contactFlowId,
      ParticipantDetails: { DisplayName: input.displayName },
      Attributes: input.attributes,
      SupportedMessagingContentTypes: input.contentTypes,
      ...(input.initialMessage ? { InitialMessage: input.initialMessage } : {}),
      ...(input.chatDurationInMinutes ? { ChatDurationInMinutes: input.chatDurationInMinutes } : {}),
    }),
  );
}
