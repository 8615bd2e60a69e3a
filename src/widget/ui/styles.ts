/**
 * Stylesheets for lazily loaded screens: each chunk adds its own sheet to the widget's shadow root the
 * first time it loads, so the panel's first download carries only the styles of an open chat.
 */
const adopted = new Set<string>();
let adopter: ((css: string) => void) | undefined;
const waiting: string[] = [];

/** Called once by the panel with the shadow root's adopter. */
export function setStyleAdopter(fn: (css: string) => void): void {
  adopter = fn;
  waiting.splice(0).forEach(fn);
}

export function adoptStyles(css: string): void {
  if (adopted.has(css)) return;
  adopted.add(css);
  if (adopter) adopter(css);
  else waiting.push(css);
}
