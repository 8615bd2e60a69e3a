/** Who and what the stand-in starts with: agents, departments, custom fields, settings. */
import { randomId } from '../shared/rocketchat/random-id.ts';
import type { Settings } from './settings.ts';
import type { Store } from './store/store.ts';
import type { CustomField, Trigger } from './store/types.ts';

export interface AgentSeed {
  username: string;
  name: string;
  password: string;
  email?: string;
  /** `admin` can change settings and close any room. */
  admin?: boolean;
  /** Online and available for chats at start. */
  available?: boolean;
  departments?: string[];
}

export interface DepartmentSeed {
  _id?: string;
  name: string;
  showOnRegistration?: boolean;
  showOnOfflineForm?: boolean;
  email?: string;
  waitingQueueMessage?: string;
}

export interface Seed {
  settings?: Partial<Settings>;
  agents?: AgentSeed[];
  departments?: DepartmentSeed[];
  customFields?: CustomField[];
  /** Livechat triggers, as an admin would store them with `POST livechat/triggers`. */
  triggers?: (Omit<Trigger, '_id' | '_updatedAt'> & { _id?: string })[];
  /**
   * Enterprise adds `customFields` (and queue info) to `livechat/config`; Community sends neither.
   * @default 'enterprise'
   */
  edition?: 'enterprise' | 'community';
}

export function applySeed(store: Store, seed: Seed): void {
  Object.assign(store.settings, seed.settings);
  store.edition = seed.edition ?? 'enterprise';
  const departmentIds = new Map<string, string>();
  for (const d of seed.departments ?? []) {
    const _id = d._id ?? randomId();
    departmentIds.set(d.name, _id);
    store.departments.set(_id, {
      _id,
      name: d.name,
      enabled: true,
      showOnRegistration: d.showOnRegistration ?? true,
      showOnOfflineForm: d.showOnOfflineForm ?? true,
      ...(d.email ? { email: d.email } : {}),
      ...(d.waitingQueueMessage ? { waitingQueueMessage: d.waitingQueueMessage } : {}),
      agentIds: [],
    });
  }
  for (const a of seed.agents ?? []) {
    const _id = randomId();
    store.users.set(_id, {
      _id,
      username: a.username,
      name: a.name,
      password: a.password,
      emails: [{ address: a.email ?? `${a.username}@example.test`, verified: true }],
      roles: a.admin ? ['user', 'livechat-agent', 'admin'] : ['user', 'livechat-agent'],
      status: a.available === false ? 'offline' : 'online',
      statusLivechat: a.available === false ? 'not-available' : 'available',
      authTokens: [],
      createdAt: new Date(),
    });
    for (const name of a.departments ?? []) {
      const id = departmentIds.get(name);
      if (id) store.departments.get(id)!.agentIds.push(_id);
    }
  }
  for (const f of seed.customFields ?? []) store.customFields.set(f._id, f);
  for (const t of seed.triggers ?? []) {
    const _id = t._id ?? randomId();
    store.triggers.set(_id, { ...t, _id, _updatedAt: new Date() });
  }
}
