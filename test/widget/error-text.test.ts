/** Every error kind reads as a sentence, in English and in each locale (ui/error-text.ts computes its key). */
import { afterEach, describe, expect, it } from 'vitest';
import { ChatError, type ChatErrorKind } from '../../src/widget/backend/errors.ts';
import { setLanguage } from '../../src/widget/i18n/index.ts';
import { errorSentence, errorText } from '../../src/widget/ui/error-text.ts';
// The files' refusals are said in the tray of files, whose English comes with the extras.
import '../../src/widget/ui/extras-i18n.ts';

/** Every kind (a kind added to errors.ts and not here fails to compile). */
const KINDS: Record<ChatErrorKind, true> = {
  'invalid-params': true,
  'invalid-email': true,
  unauthorized: true,
  'not-found': true,
  'room-closed': true,
  'no-agent': true,
  disabled: true,
  'too-long': true,
  'rate-limited': true,
  quota: true,
  network: true,
  cors: true,
  timeout: true,
  server: true,
  rejected: true,
  'file-too-large': true,
  'file-type': true,
};
const kinds = Object.keys(KINDS) as ChatErrorKind[];

afterEach(() => setLanguage('en'));

describe('error sentences', () => {
  it('says each kind in its own words, never its key', async () => {
    for (const tag of ['en', 'pt-BR', 'es', 'de', 'ar']) {
      await setLanguage(tag);
      const texts = kinds.map((k) => errorText(new ChatError(k, 'x')));
      for (const text of texts) expect(text, tag).not.toMatch(/^error\.|^$/);
      // Each kind has its own sentence.
      expect(new Set(texts).size, tag).toBe(kinds.length);
    }
  });

  it('reads hyphenated kinds too, after what the visitor was doing', async () => {
    expect(errorText(new ChatError('room-closed', 'x'))).toBe('This chat has already finished.');
    expect(errorSentence(new ChatError('network', 'x'), 'finish')).toMatch(/ You seem to be offline, or the chat server cannot be reached\. We will keep trying\.$/);
    await setLanguage('de');
    expect(errorText(new ChatError('room-closed', 'x'))).toBe('Dieser Chat wurde bereits beendet.');
  });
});
