/**
 * Meteor's `Random.id()` format: 17 characters from an alphabet without look-alikes. The widget uses it
 * for client message ids (so a resend carries the same `_id`) and the stand-in for every document id.
 */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function randomId(length = 17): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  // 256 is not a multiple of 55, so reject the top of the range to keep the draw uniform.
  const limit = 256 - (256 % ALPHABET.length);
  for (let i = 0; i < length; i++) {
    let b = bytes[i]!;
    while (b >= limit) b = crypto.getRandomValues(new Uint8Array(1))[0]!;
    out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}

export function isRandomId(value: string): boolean {
  return /^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/.test(value);
}
