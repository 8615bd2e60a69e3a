import { afterAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/widget/embed/launcher-strings.ts';
import { ENGLISH, OTHER_LANGUAGE } from '../../src/widget/embed/loader-i18n.ts';
import { en, type MessageKey, type Messages } from '../../src/widget/i18n/en.ts';
import { enExtras } from '../../src/widget/i18n/en-extras.ts';
import { enForms } from '../../src/widget/i18n/en-forms.ts';
import { enTrouble } from '../../src/widget/i18n/en-trouble.ts';
import { enWelcome } from '../../src/widget/i18n/en-welcome.ts';
import { enAttach } from '../../src/widget/i18n/en-attach.ts';
import { direction, language, resolveLocale, setLanguage, t } from '../../src/widget/i18n/index.ts';
import { messages as ar } from '../../src/widget/i18n/locales/ar.ts';
import { messages as de } from '../../src/widget/i18n/locales/de.ts';
import { messages as es } from '../../src/widget/i18n/locales/es.ts';
import { messages as ptBR } from '../../src/widget/i18n/locales/pt-BR.ts';

const english: Messages = { ...en, ...enForms, ...enTrouble, ...enExtras, ...enWelcome, ...enAttach };
const keys = Object.keys(english) as MessageKey[];
const locales: [tag: string, loaderLang: string, messages: Messages][] = [
  ['pt-BR', 'pt', ptBR],
  ['es', 'es', es],
  ['de', 'de', de],
  ['ar', 'ar', ar],
];

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const words = (s: string) => s.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
const allWords = (m: Messages) => new Set(Object.values(m).flatMap(words));

afterAll(async () => {
  await setLanguage('en');
});

describe.each(locales)('%s translation', (_tag, loaderLang, messages) => {
  it('has exactly the English keys', () => {
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s keeps the English placeholders and is a real string', (key) => {
    const value = messages[key];
    expect(value.trim()).not.toBe('');
    expect(value).not.toBe(key);
    expect(placeholders(value)).toEqual(placeholders(english[key]));
    expect(value).not.toMatch(/\{(?!\w+\})|(?<!\{\w+)\}/); // no stray or broken braces
  });

  it('uses the loader’s launcher wording and load error', () => {
    const [open, unread, failed] = STRINGS[loaderLang]!;
    expect(messages['launcher.open']).toBe(open);
    expect(messages['launcher.unread']).toBe(unread.replace('{n}', '{count}'));
    expect(messages['error.during.load']).toBe(failed);
  });

  it('keeps the email example in Latin script', () => {
    expect(messages['field.invalidEmail']).toMatch(/\w+@example\.com/);
    expect(messages['transcript.invalid']).toMatch(/\w+@example\.com/);
  });

  it('mentions no product name', () => {
    expect(Object.values(messages).join(' ')).not.toMatch(/rocket/i);
  });
});

describe("the loader's launcher words", () => {
  it('are the panel’s in English, the language the loader carries', () => {
    const [open, unread, failed] = ENGLISH;
    expect(english['launcher.open']).toBe(open);
    expect(english['launcher.unread']).toBe(unread.replace('{n}', '{count}'));
    expect(english['error.during.load']).toBe(failed);
  });

  it('fetch the other languages for exactly the tags that name one of them, found by their first two letters', () => {
    expect(Object.keys(STRINGS).sort()).toEqual(locales.map(([, l]) => l).sort());
    for (const tag of ['pt-BR', 'pt', 'PT_br', 'es', 'es-419', 'de', 'de-AT', 'ar', 'ar-EG']) {
      expect(OTHER_LANGUAGE.test(tag), tag).toBe(true);
      expect(STRINGS[tag.slice(0, 2).toLowerCase()], tag).toBeDefined();
    }
    for (const tag of ['', 'en', 'en-US', 'fr', 'art', 'dev', 'esp', 'a']) expect(OTHER_LANGUAGE.test(tag), tag).toBe(false);
  });
});

describe('language sanity checks', () => {
  it('Arabic strings are written in Arabic script (apart from the CORS acronym and placeholders)', () => {
    for (const key of keys) expect(ar[key], key).toMatch(/[\u0600-\u06FF]/);
    expect(Object.values(ar).join(' ')).not.toMatch(/\b(the|chat|message|send)\b/i);
  });

  it('Portuguese is Brazilian and uses "você"', () => {
    const w = allWords(ptBR);
    expect(w.has('você')).toBe(true);
    for (const european of ['vós', 'utilizador', 'ecrã', 'ficheiro', 'transferir']) expect(w.has(european), european).toBe(false);
    for (const spanish of ['el', 'mensaje', 'tu', 'usted', 'cerrar']) expect(w.has(spanish), spanish).toBe(false);
  });

  it('Spanish uses "tú" and no Portuguese', () => {
    const w = allWords(es);
    expect(w.has('tú') || w.has('tu')).toBe(true);
    for (const formal of ['usted', 'su', 'sus']) expect(w.has(formal), formal).toBe(false);
    for (const portuguese of ['você', 'não', 'mensagem', 'seu', 'sua', 'obrigado']) expect(w.has(portuguese), portuguese).toBe(false);
  });

  it('German uses the formal "Sie" and no Portuguese or Spanish', () => {
    const w = allWords(de);
    expect(w.has('sie') && w.has('ihre')).toBe(true);
    for (const informal of ['du', 'dein', 'deine', 'dich', 'dir']) expect(w.has(informal), informal).toBe(false);
    for (const foreign of ['você', 'não', 'mensagem', 'mensaje', 'el', 'la', 'que', 'de', 'chat iniciado']) expect(w.has(foreign), foreign).toBe(false);
    expect(de['composer.send']).toBe('Senden');
    expect(de['launcher.open']).toBe('Chat öffnen');
  });

  it('Latin-script translations contain no Arabic and differ from English for the longer sentences', () => {
    for (const [tag, , messages] of locales.filter(([tag]) => tag !== 'ar')) {
      for (const key of keys) {
        expect(messages[key], `${tag} ${key}`).not.toMatch(/[\u0600-\u06FF]/);
        if (english[key].split(' ').length > 3) expect(messages[key], `${tag} ${key}`).not.toBe(english[key]);
      }
    }
  });
});

describe('resolveLocale', () => {
  it.each([
    ['pt', 'pt-br'],
    ['pt-PT', 'pt-br'],
    ['PT-br', 'pt-br'],
    ['pt_BR', 'pt-br'],
    ['es-MX', 'es'],
    ['es', 'es'],
    ['de-AT', 'de'],
    ['de', 'de'],
    ['ar-EG', 'ar'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected);
  });
});

describe('setLanguage, t and direction', () => {
  it('switches to Brazilian Portuguese', async () => {
    expect(await setLanguage('pt-BR')).toBe('pt-br');
    expect(language.value).toBe('pt-br');
    expect(t('composer.send')).toBe('Enviar');
    expect(t('agent.typing', { name: 'Ana' })).toBe('Ana está digitando…');
    expect(t('composer.tooLong', { count: 5001, limit: 5000 })).toBe('Sua mensagem tem 5001 caracteres; o limite é 5000.');
    expect(direction.value).toBe('ltr');
  });

  it('reads right to left in Arabic and left to right in English', async () => {
    await setLanguage('ar');
    expect(direction.value).toBe('rtl');
    expect(t('composer.send')).toBe('إرسال');
    await setLanguage('en');
    expect(direction.value).toBe('ltr');
    expect(language.value).toBe('en');
    expect(t('composer.send')).toBe('Send');
  });

  it('an unknown language falls back to English', async () => {
    expect(await setLanguage('fr-FR')).toBe('en');
    expect(t('launcher.open')).toBe('Open chat');
  });

  it('error sentences read as two sentences when concatenated', () => {
    for (const [tag, , m] of locales) {
      const sentence = `${m['error.during.start']} ${m['error.noAgent']}`;
      expect(sentence, tag).toMatch(/^\S.*[.!؟]\s\S.*[.!؟]$/u);
    }
  });
});
