import { describe, expect, it } from 'vitest';
import { parseName } from '../../src/fields/parse-name';

describe('parseName', () => {
  it('trims, collapses inner spaces and composes to NFC', () => {
    const composed = '  Åsa   Öberg ';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(parseName(composed)).toEqual({ success: true, data: 'Åsa Öberg' });
    expect(parseName(decomposed)).toEqual({ success: true, data: 'Åsa Öberg' });
  });

  it.each([
    'Jean-Luc O’Neil Jr.',
    "Anne-Marie D'Arc",
    'Zoë Ørsted',
    '李小龍',
    'Ахмед Смирнов',
    'Nguyễn Thị Minh',
  ])('accepts %s', (input) => {
    expect(parseName(input)).toEqual({ success: true, data: input });
  });

  it.each([
    '<script>',
    'Anna <b>',
    'Anna\u0000',
    'Anna\nBerg',
    'Anna 2',
    'anna@exempel.se',
    'Anna; drop',
  ])('refuses %j', (input) => {
    expect(parseName(input)).toEqual({ success: false, error: 'name-characters' });
  });

  it('accepts 100 characters and refuses 101', () => {
    expect(parseName('a'.repeat(100))).toEqual({ success: true, data: 'a'.repeat(100) });
    expect(parseName('a'.repeat(101))).toEqual({ success: false, error: 'name-too-long' });
  });

  it('asks for a value when only spaces are given', () => {
    expect(parseName(' \u00a0 ')).toEqual({ success: false, error: 'name-required' });
  });
});
