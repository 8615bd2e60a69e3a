import { describe, expect, it } from 'vitest';
import { onColor } from '../../src/widget/embed/launcher.ts';

/** WCAG 2's relative luminance, exactly (the loader's formula is a cheaper one). */
const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const LINEAR = Array.from({ length: 256 }, (_, c) => channel(c));
const luminance = (r: number, g: number, b: number) => 0.2126 * LINEAR[r]! + 0.7152 * LINEAR[g]! + 0.0722 * LINEAR[b]!;
const contrast = (text: '#fff' | '#000', l: number) => (text === '#fff' ? 1.05 / (l + 0.05) : (l + 0.05) / 0.05);
/** WCAG's own choice: white while its contrast is at least black's. */
const exact = (r: number, g: number, b: number): '#fff' | '#000' => ((luminance(r, g, b) + 0.05) ** 2 <= 0.0525 ? '#fff' : '#000');
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe("the launcher's icon colour on the site's colour", () => {
  it('meets WCAG AA (4.5:1) on every 8-bit colour, measured with the exact formula', () => {
    // Every channel only raises the value onColor compares, so for each red and green it gives white up
    // to some blue and black above it: the least contrast of each side is at that edge (what is
    // measured). The edge is found by bisection, never assumed.
    let worst = Infinity;
    let at = '';
    const see = (r: number, g: number, b: number) => {
      if (b < 0 || b > 255) return;
      const c = contrast(onColor([r, g, b]), luminance(r, g, b));
      if (c < worst) [worst, at] = [c, `rgb(${r}, ${g}, ${b})`];
    };
    for (let r = 0; r < 256; r++) {
      for (let g = 0; g < 256; g++) {
        // The last blue that still gets white (-1: none does).
        let lo = -1;
        let hi = 256;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (onColor([r, g, mid]) === '#fff') lo = mid;
          else hi = mid;
        }
        see(r, g, lo);
        see(r, g, lo + 1);
        // And the row's ends, whatever the edge.
        see(r, g, 0);
        see(r, g, 255);
      }
    }
    expect(worst, `the lowest contrast, on ${at}`).toBeGreaterThanOrEqual(4.5);
  });

  it("decides as WCAG's exact formula does for the colours the tests and the demo use", () => {
    for (const color of ['#767676', '#e11d48', '#22c55e', '#fde047', '#0e7490', '#1d4ed8', '#7c3aed', '#b45309', '#00aa00', '#ffffff', '#000000']) {
      expect(onColor(rgb(color)), color).toBe(exact(...rgb(color)));
    }
    expect(onColor(['253', '224', '71'])).toBe('#000');
    expect(onColor(['29', '78', '216', '0.5'])).toBe('#fff');
  });
});
