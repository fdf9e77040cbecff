import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../src/fields/parse-phone';

describe('parsePhone', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['+46 (0)70-123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['+46701234567', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['+46 070-123 45 67', '+46701234567'],
    ['073.123.45.67', '+46731234567'],
    ['08-123 456 78', '+46812345678'],
    ['(08) 123 456 78', '+46812345678'],
    ['08-12 34 56', '+468123456'],
    ['031-123 45 67', '+46311234567'],
    ['0470-12 34 56', '+46470123456'],
    ['020-12 34 56', '+4620123456'],
    [' 0771-23 45 67 ', '+46771234567'],
  ])('normalises %s to %s', (input, expected) => {
    expect(parsePhone(input)).toEqual({ success: true, data: expected });
  });

  it.each([
    ['+1 (212) 555-1234', '+12125551234'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['0047 22 12 34 56', '+4722123456'],
  ])('accepts the international number %s as %s', (input, expected) => {
    expect(parsePhone(input)).toEqual({ success: true, data: expected });
  });

  it.each([
    '070-123 45 6',
    '070-123 45 678',
    '072-12 34 56',
    '08-123 45',
    '08-123 456 789 0',
    '+4470',
    '+1 234 567 890 123 456',
    '123 45 67',
    '+0701234567',
    '+46 0 0701234567',
  ])('refuses %s', (input) => {
    expect(parsePhone(input)).toEqual({ success: false, error: 'phone-invalid' });
  });

  it.each(['ring 070-123 45 67', '070-123 45 67 tack', '070 123 45 6x', '070#1234567'])(
    'refuses %s rather than parse a number out of text',
    (input) => {
      expect(parsePhone(input)).toEqual({ success: false, error: 'phone-characters' });
    },
  );

  it('asks for a value when empty', () => {
    expect(parsePhone('  ')).toEqual({ success: false, error: 'phone-required' });
  });
});
