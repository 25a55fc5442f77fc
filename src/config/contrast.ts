/** WCAG 2.2 contrast, for the brand's accent colour. */
export type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb`, or undefined. */
export function parseHexColor(value: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return undefined;
  const hex = match[1] ?? '';
  const full = hex.length === 3 ? hex.replace(/./g, (digit) => digit + digit) : hex;
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as Rgb;
}

export function toHex(color: Rgb): string {
  return `#${color.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function mix(color: Rgb, toward: Rgb, amount: number): Rgb {
  return color.map((channel, i) => channel + ((toward[i] ?? 0) - channel) * amount) as Rgb;
}

export interface AccentCheck {
  accent: Rgb;
  /** White or near-black, whichever reads better on the accent. */
  text: Rgb;
  /** Why it was changed, or undefined when the colour passed as given. */
  correction?: string;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** WCAG AA: 4.5:1 for a button's label (1.4.3), 3:1 for the button and focus ring against the page (1.4.11). */
export const TEXT_CONTRAST = 4.5;
export const UI_CONTRAST = 3;

/**
 * The accent as a theme can use it: against each of `surfaces` (card, page) at least 3:1, and a label
 * colour on it at least 4.5:1. A colour that fails is moved toward black (on light surfaces) or white
 * (on dark ones) in small steps until it passes; what was wrong is said in `correction`.
 */
export function checkAccent(accent: Rgb, surfaces: Rgb[], dark: boolean): AccentCheck {
  const passes = (candidate: Rgb) => {
    const label = contrast(candidate, WHITE) >= contrast(candidate, BLACK) ? WHITE : BLACK;
    const ok =
      contrast(candidate, label) >= TEXT_CONTRAST && surfaces.every((s) => contrast(candidate, s) >= UI_CONTRAST);
    return ok ? label : undefined;
  };
  const asGiven = passes(accent);
  if (asGiven) return { accent, text: asGiven };
  const worst = Math.min(...surfaces.map((surface) => contrast(accent, surface)));
  const label = Math.max(contrast(accent, WHITE), contrast(accent, BLACK));
  for (let step = 1; step <= 20; step++) {
    const candidate = mix(accent, dark ? WHITE : BLACK, step / 20);
    const candidateLabel = passes(candidate);
    if (candidateLabel) {
      return {
        accent: candidate,
        text: candidateLabel,
        correction: `${toHex(accent)} has ${worst.toFixed(2)}:1 against the ${dark ? 'dark' : 'light'} theme's background and at best ${label.toFixed(2)}:1 with text on it; WCAG AA asks ${String(UI_CONTRAST)}:1 for buttons and focus rings and ${String(TEXT_CONTRAST)}:1 for their text, so the ${dark ? 'dark' : 'light'} theme uses ${toHex(candidate)} instead`,
      };
    }
  }
  // Unreachable: black passes on light surfaces and white on dark ones.
  return { accent: dark ? WHITE : BLACK, text: dark ? BLACK : WHITE, correction: `${toHex(accent)} cannot be used` };
}
