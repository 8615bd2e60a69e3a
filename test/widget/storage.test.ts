import { describe, expect, it } from 'vitest';
import { createStorage, storageNamespace } from '../../src/widget/state/storage.ts';

function throwingStorage(): Storage {
  const fail = () => {
    throw new DOMException('blocked', 'SecurityError');
  };
  return { getItem: fail, setItem: fail, removeItem: fail, clear: fail, key: fail, length: 0 } as unknown as Storage;
}

describe('createStorage', () => {
  it('persists JSON values under a namespace', () => {
    const s = createStorage('ns', window.localStorage);
    s.set('rid', 'abc');
    s.set('outbox', [{ id: '1' }]);
    expect(window.localStorage.getItem('ns:rid')).toBe('"abc"');
    expect(createStorage('ns', window.localStorage).get('outbox')).toEqual([{ id: '1' }]);
    expect(s.persistent).toBe(true);
  });

  it('keeps working in memory, and says so, when the browser blocks storage', () => {
    const s = createStorage('ns', throwingStorage());
    s.set('token', 't');
    expect(s.get('token')).toBe('t');
    expect(s.persistent).toBe(false);
  });

  it('ignores corrupt values', () => {
    window.localStorage.setItem('ns:rid', '{not json');
    expect(createStorage('ns', window.localStorage).get('rid')).toBeUndefined();
  });

  it('gives each chat server its own namespace', () => {
    expect(storageNamespace('https://a.example')).not.toBe(storageNamespace('https://b.example'));
    expect(storageNamespace('https://a.example')).toBe(storageNamespace('https://a.example'));
  });
});
