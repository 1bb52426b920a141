// The emulator stands apart from the product: it imports nothing from src/, and the product reaches it only through
// configuration (endpoints and a CA file), except the commands that start it (the `emulator` command, the demo).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] ?? '');
}

describe('architecture', () => {
  it('the emulator imports nothing from the product', () => {
    const offending = sources('emulator').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('.') && relative(root, join(root, file, '..', target)).startsWith('src'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('the product imports the emulator only where it starts it', () => {
    const allowed = ['src/cli/commands/emulator.ts', 'src/demo/'];
    const offending = sources('src')
      .filter((file) => !file.endsWith('.test.ts') && !allowed.some((prefix) => file.startsWith(prefix)))
      .flatMap((file) =>
        importsOf(file)
          .filter(
            (target) => target.startsWith('.') && relative(root, join(root, file, '..', target)).startsWith('emulator'),
          )
          .map((target) => `${file} imports ${target}`),
      );
    expect(offending).toEqual([]);
  });
});
