import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/fields/parse-email';

describe('parseEmail', () => {
  it('keeps the local part as typed and lower-cases the domain', () => {
    expect(parseEmail('Anna.Ostrom+chat@Exempel.SE')).toEqual({
      success: true,
      data: 'Anna.Ostrom+chat@exempel.se',
    });
  });

  it('trims surrounding spaces', () => {
    expect(parseEmail('  anna@exempel.se \n')).toEqual({ success: true, data: 'anna@exempel.se' });
  });

  it('punycodes an internationalised domain', () => {
    expect(parseEmail('anna@Bläck.se')).toEqual({ success: true, data: 'anna@xn--blck-moa.se' });
  });

  it.each([
    'anna..b@exempel.se',
    '.anna@exempel.se',
    'anna@exempel',
    'anna@',
    '@exempel.se',
    'anna exempel.se',
    'anna@exempel.se:25',
    'anna@exempel.se/x',
    'anna@user@exempel.se',
    '<anna@exempel.se>',
    `${'a'.repeat(250)}@exempel.se`,
  ])('refuses %s', (input) => {
    expect(parseEmail(input)).toEqual({ success: false, error: 'email-invalid' });
  });

  it('asks for a value when empty', () => {
    expect(parseEmail(' ')).toEqual({ success: false, error: 'email-required' });
  });
});
