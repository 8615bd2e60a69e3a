/** Guest registration as Rocket.Chat's `Livechat.registerGuest` does it (contract §1.1). */
import type { VisitorInput } from '../../shared/rocketchat/endpoints.ts';
import { randomId } from '../../shared/rocketchat/random-id.ts';
import { MeteorError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Visitor } from '../store/types.ts';

// Rocket.Chat's mailer check: something@something.tld, no spaces.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(email: string): boolean {
  return EMAIL_RE.test(email);
}

export function findGuest(store: Store, token: string): Visitor | undefined {
  return store.visitorByTokenOf(token);
}

export function resolveDepartment(store: Store, idOrName: string): string | undefined {
  if (store.departments.has(idOrName)) return idOrName;
  for (const d of store.departments.values()) if (d.name === idOrName) return d._id;
  return undefined;
}

export function registerGuest(store: Store, input: VisitorInput): Visitor {
  if (input.token.trim() === '') {
    throw new MeteorError('error-invalid-token', 'Token cannot be empty', { method: 'livechat/visitor' });
  }

  let email: string | undefined;
  if (input.email) {
    email = input.email.trim().toLowerCase();
    if (!isValidEmail(email)) {
      throw new MeteorError('error-invalid-email', `Invalid email ${email}`, {
        // The details name the validator that threw, not the caller.
        function: 'Livechat.validateEmail',
        email,
      });
    }
  }

  let department: string | undefined;
  if (input.department) {
    department = resolveDepartment(store, input.department);
    if (!department) throw new MeteorError('error-invalid-department', 'The provided department is invalid');
  }

  const now = store.now();
  let visitor = store.visitorByTokenOf(input.token);
  let keepStoredToken = false;
  if (!visitor && input.phone) {
    visitor = [...store.visitors.values()].find((v) => v.phone?.some((p) => p.phoneNumber === input.phone));
    // Rocket.Chat keeps the stored token when it matches a visitor by phone number.
    keepStoredToken = visitor !== undefined;
  }
  if (!visitor && email) visitor = [...store.visitors.values()].find((v) => v.visitorEmails?.some((e) => e.address === email));

  if (!visitor) {
    visitor = {
      _id: randomId(),
      username: input.username || `guest-${store.nextGuestNumber()}`,
      token: input.token,
      ts: now,
      _updatedAt: now,
      status: 'online',
    };
  } else {
    visitor = { ...visitor, token: keepStoredToken ? visitor.token : input.token };
  }

  visitor._updatedAt = now;
  if (input.name !== undefined) visitor.name = input.name;
  if (email) visitor.visitorEmails = [{ address: email }];
  if (input.phone) visitor.phone = [{ phoneNumber: input.phone }];
  if (department) visitor.department = department;
  applyCustomFields(store, visitor, input.customFields ?? []);
  store.saveVisitor(visitor);

  for (const room of store.openRoomsOf(visitor.token)) {
    room.fname = visitor.name || visitor.username;
    room.v = { ...room.v, username: visitor.username };
  }
  return visitor;
}

/**
 * Only keys defined as custom fields are stored; unknown keys are ignored, as in Rocket.Chat. Visitor-scoped
 * fields go to the visitor's `livechatData`; with `roomScope` (the `custom.field(s)` routes, Rocket.Chat's
 * `setCustomFields`) room-scoped fields go to the `livechatData` of the visitor's open rooms.
 */
export function applyCustomFields(
  store: Store,
  visitor: Visitor,
  fields: { key: string; value: string; overwrite: boolean }[],
  roomScope = false,
): void {
  for (const f of fields) {
    const def = store.customFields.get(f.key);
    if (!def) continue;
    const targets: { livechatData?: Record<string, string> }[] =
      (def.scope ?? 'visitor') === 'visitor' ? [visitor] : roomScope && def.scope === 'room' ? store.openRoomsOf(visitor.token) : [];
    for (const target of targets) {
      const data = (target.livechatData ??= {});
      if (f.overwrite || data[f.key] === undefined) data[f.key] = f.value;
    }
  }
}
