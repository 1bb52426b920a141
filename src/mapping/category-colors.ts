// Outlook category colours: a category is one of 25 presets (`preset0` … `preset24`) or `none`; Microsoft documents
// each preset by a colour name (preset0 Red … preset24 DarkCranberry) and each Outlook client draws it its own way.
// A `#rrggbb` from the configuration or from MyTimetable's activityTypeColor becomes the nearest preset.
import type { CategoryColor } from '@microsoft/microsoft-graph-types';

export interface CategoryPreset {
  readonly preset: CategoryColor;
  /** The documented name. */
  readonly name: string;
  /** Our approximation of that name, to measure distances against (Microsoft publishes no values). */
  readonly hex: string;
}

export const CATEGORY_PRESETS: readonly CategoryPreset[] = [
  { preset: 'preset0', name: 'Red', hex: '#e3403b' },
  { preset: 'preset1', name: 'Orange', hex: '#f7891e' },
  { preset: 'preset2', name: 'Brown', hex: '#a86c43' },
  { preset: 'preset3', name: 'Yellow', hex: '#f5d33f' },
  { preset: 'preset4', name: 'Green', hex: '#4cb04a' },
  { preset: 'preset5', name: 'Teal', hex: '#2aa8a3' },
  { preset: 'preset6', name: 'Olive', hex: '#8a9a2e' },
  { preset: 'preset7', name: 'Blue', hex: '#2f78d8' },
  { preset: 'preset8', name: 'Purple', hex: '#8a5cc7' },
  { preset: 'preset9', name: 'Cranberry', hex: '#d2477a' },
  { preset: 'preset10', name: 'Steel', hex: '#7f93a6' },
  { preset: 'preset11', name: 'DarkSteel', hex: '#4a5d70' },
  { preset: 'preset12', name: 'Gray', hex: '#949494' },
  { preset: 'preset13', name: 'DarkGray', hex: '#5e5e5e' },
  { preset: 'preset14', name: 'Black', hex: '#1e1e1e' },
  { preset: 'preset15', name: 'DarkRed', hex: '#a3262a' },
  { preset: 'preset16', name: 'DarkOrange', hex: '#c25a0e' },
  { preset: 'preset17', name: 'DarkBrown', hex: '#6b4226' },
  { preset: 'preset18', name: 'DarkYellow', hex: '#bf9c12' },
  { preset: 'preset19', name: 'DarkGreen', hex: '#27702b' },
  { preset: 'preset20', name: 'DarkTeal', hex: '#14706c' },
  { preset: 'preset21', name: 'DarkOlive', hex: '#5a6617' },
  { preset: 'preset22', name: 'DarkBlue', hex: '#1a3f8f' },
  { preset: 'preset23', name: 'DarkPurple', hex: '#5c2a86' },
  { preset: 'preset24', name: 'DarkCranberry', hex: '#8a1538' },
];

const hexPattern = /^#[0-9a-f]{6}$/i;

/**
 * A colour as the configuration may give it: `#rrggbb` (the nearest preset), a preset (`preset7`), a documented
 * colour name (`Blue`, `darkBlue`, `dark blue`) or `none`. Null when it is none of these.
 */
export function categoryColor(spec: string): CategoryColor | null {
  const trimmed = spec.trim();
  if (hexPattern.test(trimmed)) return nearestPreset(trimmed);
  const key = trimmed.toLowerCase().replace(/[\s_-]/g, '');
  if (key === 'none') return 'none';
  const found = CATEGORY_PRESETS.find((p) => p.preset === key || p.name.toLowerCase() === key);
  return found ? found.preset : null;
}

const neutral = new Set<CategoryColor>(['preset12', 'preset13', 'preset14']);

/**
 * The preset whose colour is closest to `#rrggbb`, by the "redmean" weighted distance (close to how eyes judge).
 * A grey (white included) stays grey: there is no white preset, and the nearest hue to white would be yellow.
 */
export function nearestPreset(hex: string): CategoryColor {
  const [r, g, b] = rgb(hex);
  const grey = Math.max(r, g, b) - Math.min(r, g, b) < 24;
  let best: CategoryPreset = CATEGORY_PRESETS[0] as CategoryPreset;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const preset of CATEGORY_PRESETS) {
    if (grey && !neutral.has(preset.preset)) continue;
    const [pr, pg, pb] = rgb(preset.hex);
    const meanRed = (r + pr) / 2;
    const distance =
      (2 + meanRed / 256) * (r - pr) ** 2 + 4 * (g - pg) ** 2 + (2 + (255 - meanRed) / 256) * (b - pb) ** 2;
    if (distance < bestDistance) {
      best = preset;
      bestDistance = distance;
    }
  }
  return best.preset;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
