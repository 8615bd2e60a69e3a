import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PHONE_MEDIA, trackViewport } from '../../src/widget/panel/viewport.ts';

/**
 * A phone's panel is full screen and sized by `--rcw-vh`, the visual viewport's height, so the composer
 * stays above the on-screen keyboard. A wider screen never reads the value, and writing it restyles the
 * whole panel, so there it is not written.
 */

class FakeViewport extends EventTarget {
  height = 800;
  resize(height: number) {
    this.height = height;
    this.dispatchEvent(new Event('resize'));
  }
}

let viewport: FakeViewport;
let narrow: boolean;

beforeEach(() => {
  viewport = new FakeViewport();
  narrow = true;
  vi.stubGlobal('visualViewport', viewport);
  vi.stubGlobal('matchMedia', (query: string) => ({ media: query, get matches() { return query === PHONE_MEDIA && narrow; } }));
  // The first read waits for the frame that shows the panel; run frames at once.
  vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => (run(0), 1));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => vi.unstubAllGlobals());

const height = (host: HTMLElement) => host.style.getPropertyValue('--rcw-vh');

describe('the panel follows the visual viewport on a phone', () => {
  it('sets the height when it opens and follows the keyboard opening and closing', () => {
    const host = document.createElement('div');
    const open = signal(false);
    const stop = trackViewport(host, open);
    expect(height(host)).toBe('');
    open.value = true;
    expect(height(host)).toBe('800px');
    viewport.resize(455.6);
    expect(height(host)).toBe('456px');
    viewport.resize(800);
    expect(height(host)).toBe('800px');
    stop();
  });

  it('stops following once the panel closes', () => {
    const host = document.createElement('div');
    const open = signal(true);
    const stop = trackViewport(host, open);
    open.value = false;
    viewport.resize(500);
    expect(height(host)).toBe('800px');
    stop();
  });

  it('writes nothing on a wider screen, and starts when the window narrows to a phone', () => {
    narrow = false;
    const host = document.createElement('div');
    const open = signal(true);
    const stop = trackViewport(host, open);
    viewport.resize(700);
    expect(height(host)).toBe('');
    narrow = true;
    viewport.resize(600);
    expect(height(host)).toBe('600px');
    stop();
  });
});
