import { describe, expect, it } from 'vitest';
import { CATEGORY_PRESETS, categoryColor, nearestPreset } from './category-colors.ts';

describe('category colours', () => {
  it('knows the 25 presets by their documented names', () => {
    expect(CATEGORY_PRESETS.map((p) => p.preset)).toEqual(Array.from({ length: 25 }, (_, i) => `preset${i}`));
    expect(CATEGORY_PRESETS.map((p) => p.name).slice(0, 4)).toEqual(['Red', 'Orange', 'Brown', 'Yellow']);
    expect(CATEGORY_PRESETS.at(-1)?.name).toBe('DarkCranberry');
  });

  it('maps a #rrggbb to the preset of the colour it looks like', () => {
    const name = (hex: string) => CATEGORY_PRESETS.find((p) => p.preset === nearestPreset(hex))?.name;
    expect(name('#ff0000')).toBe('Red');
    expect(name('#d62728')).toBe('Red');
    expect(name('#ff7f0e')).toBe('Orange');
    expect(name('#ffff00')).toBe('Yellow');
    expect(name('#2ca02c')).toBe('Green');
    expect(name('#008000')).toBe('DarkGreen');
    expect(name('#17becf')).toBe('Teal');
    expect(name('#1f77b4')).toBe('Blue');
    expect(name('#000080')).toBe('DarkBlue');
    expect(name('#9467bd')).toBe('Purple');
    expect(name('#8c564b')).toBe('Brown');
    expect(name('#000000')).toBe('Black');
    // Greys stay grey; white has no preset of its own.
    expect(name('#808080')).toBe('Gray');
    expect(name('#FFFFFF')).toBe('Gray');
    // Every preset's own approximation maps back to it.
    for (const preset of CATEGORY_PRESETS) expect(nearestPreset(preset.hex)).toBe(preset.preset);
  });

  it('reads a colour as the configuration may give it', () => {
    expect(categoryColor('#1F77B4')).toBe('preset7');
    expect(categoryColor('preset15')).toBe('preset15');
    expect(categoryColor('Preset15')).toBe('preset15');
    expect(categoryColor('darkGreen')).toBe('preset19');
    expect(categoryColor('dark green')).toBe('preset19');
    expect(categoryColor('Cranberry')).toBe('preset9');
    expect(categoryColor('none')).toBe('none');
    expect(categoryColor('preset25')).toBeNull();
    expect(categoryColor('#12345')).toBeNull();
    expect(categoryColor('chartreuse')).toBeNull();
  });
});
