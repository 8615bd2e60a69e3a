/** "1.5 MB" (SI units, as the browser names them: kB is 1,000 bytes), in the visitor's language and digits. */
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

export function fileSize(bytes: number, lang: string): string {
  let n = Math.max(0, bytes);
  let i = 0;
  while (n >= 1000 && i < UNITS.length - 1) {
    n /= 1000;
    i++;
  }
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: UNITS[i], unitDisplay: i ? 'short' : 'long', maximumFractionDigits: n < 10 && i ? 1 : 0 }).format(n);
  } catch {
    return `${Math.round(n)} ${['B', 'KB', 'MB', 'GB'][i]}`;
  }
}
