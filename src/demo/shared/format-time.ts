// The widget's own formats (src/widget/ui/format.ts) in the demo's language, so the agent and the
// visitor read a message's time the same way: "10:45 AM" today, "Nov 21, 10:45 AM" on other days.
const TIME = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });

/** Short, human times for the demo pages: "2:03 PM" today, "Nov 21, 2:03 PM" on other days. */
export function formatTime(at: Date | string | number, now: Date = new Date()): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const time = TIME.format(d);
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  if (sameDay) return time;
  return `${DAY.format(d)}, ${time}`;
}

/** Full date and time for `title`/`dateTime` attributes. */
export function isoTime(at: Date | string | number): string {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** Date and time with seconds, e.g. "22 Nov 2026, 00:18:03", for headers where precision helps. */
export function formatFullTime(at: Date | string | number): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  return `${date}, ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}
