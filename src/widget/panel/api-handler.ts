/**
 * The page's `RocketChat.livechat.*` calls, once the panel runs. Arguments come from the host page, so
 * each is checked before use; a bad call is reported on the console for the site owner, never thrown.
 */
import type { Signal } from '@preact/signals';
import type { ChatBackend, VisitorDetails } from '../backend/chat-backend.ts';
import { safeColor } from '../embed/embed-config.ts';
import type { ApiCall, PanelHandle, WidgetHost } from '../embed/host-contract.ts';
import { setLanguage } from '../i18n/index.ts';
import type { Chat } from '../state/chat.ts';
import { identityOf } from '../state/identity.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

interface Deps {
  host: WidgetHost;
  chat: Chat;
  backend: ChatBackend;
  panel: PanelHandle;
  titleOverride: Signal<string | undefined>;
  themeColor: Signal<string | undefined>;
  themePosition: Signal<string | undefined>;
}

function warn(method: string, problem: string): void {
  console.warn(`[chat widget] RocketChat.livechat.${method}: ${problem}`);
}

export function createApiHandler({ host, chat, backend, panel, titleOverride, themeColor, themePosition }: Deps): (call: ApiCall) => void {
  const fail = (method: string) => (e: unknown) => warn(method, e instanceof Error ? e.message : String(e));
  const id = identityOf(chat);

  const setTheme = (theme: unknown) => {
    if (!theme || typeof theme !== 'object') return warn('setTheme', 'expected an object like { color: "#1d4ed8" }');
    const th = theme as Record<string, unknown>;
    const color = safeColor(str(th.color));
    if (th.color !== undefined && !color) warn('setTheme', `color ${JSON.stringify(th.color)} ignored`);
    if (color) {
      themeColor.value = color;
      host.launcher.setColor(color);
    }
    const fontColor = safeColor(str(th.fontColor) ?? str(th.iconColor));
    if (fontColor) host.element.style.setProperty('--rcw-on-color', fontColor);
    if (th.position === 'left' || th.position === 'right') {
      themePosition.value = th.position;
      host.launcher.setPosition(th.position);
    }
    if (str(th.title)) titleOverride.value = str(th.title);
  };

  const guestDetails = (data: Record<string, unknown>): VisitorDetails & { token?: string } => {
    const out: VisitorDetails & { token?: string } = {};
    const token = str(data.token);
    const name = str(data.name);
    const email = str(data.email);
    const department = str(data.department);
    const phone = str(data.phone);
    if (token) out.token = token;
    if (name) out.name = name;
    if (email) out.email = email;
    if (department) out.department = department;
    if (phone) out.phone = phone;
    if (Array.isArray(data.customFields)) {
      out.customFields = data.customFields
        .filter((f): f is { key: string; value: string; overwrite?: boolean } => !!f && typeof f.key === 'string' && typeof f.value === 'string')
        .map((f) => ({ key: f.key, value: f.value, overwrite: f.overwrite !== false }));
    }
    return out;
  };

  const handlers: Partial<Record<ApiCall['method'], (...args: unknown[]) => void>> = {
    initialize(params) {
      if (!params || typeof params !== 'object') return warn('initialize', 'expected an object');
      const p = params as Record<string, unknown>;
      if (p.theme) setTheme(p.theme);
      if (str(p.language)) handlers.setLanguage!(p.language);
      if (str(p.department)) handlers.setDepartment!(p.department);
      if (str(p.guestToken)) handlers.setGuestToken!(p.guestToken);
      if (str(p.guestName)) handlers.setGuestName!(p.guestName);
      if (str(p.guestEmail)) handlers.setGuestEmail!(p.guestEmail);
      if (p.agent) handlers.setAgent!(p.agent);
      if (Array.isArray(p.customFields)) {
        for (const f of p.customFields as { key?: unknown; value?: unknown; overwrite?: unknown }[]) handlers.setCustomField!(f?.key, f?.value, f?.overwrite);
      }
    },
    setTheme,
    setLanguage(lang) {
      if (!str(lang)) return warn('setLanguage', 'expected a language tag like "pt-BR"');
      void setLanguage(lang as string).catch(fail('setLanguage'));
    },
    setDepartment(department) {
      if (!str(department)) return warn('setDepartment', 'expected a department id or name');
      id.updateGuest({ department: department as string });
    },
    clearDepartment() {
      id.updateGuest({ department: undefined });
    },
    setGuestToken(token) {
      if (!str(token)) return warn('setGuestToken', 'expected a non-empty token');
      void id.switchToken(token as string).catch(fail('setGuestToken'));
    },
    setGuestName(name) {
      if (!str(name)) return warn('setGuestName', 'expected a name');
      id.updateGuest({ name: name as string });
    },
    setGuestEmail(email) {
      if (!str(email)) return warn('setGuestEmail', 'expected an email address');
      id.updateGuest({ email: email as string });
    },
    registerGuest(data) {
      if (!data || typeof data !== 'object') return warn('registerGuest', 'expected { name, email, token?, department? }');
      void id.registerGuest(guestDetails(data as Record<string, unknown>)).catch(fail('registerGuest'));
    },
    setCustomField(key, value, overwrite) {
      if (!str(key) || typeof value !== 'string') return warn('setCustomField', 'expected (key, value[, overwrite])');
      const others = (chat.guest.value.customFields ?? []).filter((f) => f.key !== key);
      id.updateGuest({ customFields: [...others, { key: key as string, value, overwrite: overwrite !== false }] });
    },
    setAgent(agent) {
      const agentId = agent && typeof agent === 'object' ? str((agent as { _id?: unknown })._id) : undefined;
      if (!agentId) return warn('setAgent', 'expected { _id, username }');
      id.setPreferredAgent(agentId);
    },
    showWidget() {
      host.setVisible(true);
      host.emit('onWidgetShown');
    },
    hideWidget() {
      panel.close();
      host.setVisible(false);
      host.emit('onWidgetHidden');
    },
    maximizeWidget() {
      host.setVisible(true);
      panel.open();
    },
    minimizeWidget() {
      panel.close();
    },
    logout() {
      id.logout();
    },
    pageVisited() {
      if (!chat.visitor.value) return;
      const conversation = chat.conversationId.value;
      const change = chat.config.value?.features.pageVisits === 'title' ? 'title' : 'url';
      void backend
        .pageVisited({ ...(conversation ? { conversation } : {}), title: document.title, url: location.href, change })
        .catch(fail('pageVisited'));
    },
    setHiddenSystemMessages(types) {
      if (!Array.isArray(types) || !types.every((x) => typeof x === 'string')) return warn('setHiddenSystemMessages', 'expected an array of message types');
      chat.setHiddenSystemMessages(types as string[]);
    },
    setGuestMetadata(metadata) {
      if (!metadata || typeof metadata !== 'object') return warn('setGuestMetadata', 'expected an object of string values');
      const fields = Object.entries(metadata as Record<string, unknown>)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([key, value]) => ({ key, value, overwrite: true }));
      const others = (chat.guest.value.customFields ?? []).filter((f) => !fields.some((n) => n.key === f.key));
      id.updateGuest({ customFields: [...others, ...fields] });
    },
    // No iframe here, so no parent URL to set; business units are an Enterprise routing detail the
    // widget passes nowhere yet. Accepted so pages written for Rocket.Chat's widget keep working.
    setParentUrl() {},
    setBusinessUnit() {},
    clearBusinessUnit() {},
  };

  return (call) => {
    const fn = handlers[call.method];
    if (!fn) return warn(call.method, 'is not supported by this widget yet');
    try {
      fn(...call.args);
    } catch (e) {
      fail(call.method)(e);
    }
  };
}
