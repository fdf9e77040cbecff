import { describe, expect, it } from 'vitest';

const tables = import.meta.glob<
  Record<string, { sv: Record<string, string>; en: Record<string, string> }>
>('../../src/i18n/*-texts.ts', { eager: true });

describe('texts', () => {
  it('has at least the core table', () => {
    expect(Object.keys(tables)).toContain('../../src/i18n/core-texts.ts');
  });

  for (const [file, module] of Object.entries(tables)) {
    if (file.endsWith('/define-texts.ts')) continue;
    for (const [name, table] of Object.entries(module)) {
      it(`${file.replace('../../src/i18n/', '')} ${name}: sv and en have identical keys and no empty text`, () => {
        expect(Object.keys(table.en).sort()).toEqual(Object.keys(table.sv).sort());
        for (const text of [...Object.values(table.sv), ...Object.values(table.en)]) {
          expect(text.trim()).not.toBe('');
        }
      });
      it(`${file.replace('../../src/i18n/', '')} ${name}: sv and en use the same placeholders`, () => {
        for (const key of Object.keys(table.sv)) {
          const placeholders = (text: string | undefined) =>
            [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
          expect(placeholders(table.en[key]), key).toEqual(placeholders(table.sv[key]));
        }
      });
    }
  }
});
