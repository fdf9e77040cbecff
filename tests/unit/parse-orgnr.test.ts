import { describe, expect, it } from 'vitest';
import { parseOrgnr } from '../../src/fields/parse-orgnr';

describe('parseOrgnr', () => {
  it.each([
    ['556703-7485', '556703-7485'],
    ['5567037485', '556703-7485'],
    ['  556703-7485 ', '556703-7485'],
    ['165560160680', '556016-0680'],
    ['16556016-0680', '556016-0680'],
    ['212000-0142', '212000-0142'],
  ])('accepts %s as %s', (input, expected) => {
    expect(parseOrgnr(input)).toEqual({ success: true, data: expected });
  });

  it('refuses a wrong check digit', () => {
    expect(parseOrgnr('556703-7484')).toEqual({ success: false, error: 'orgnr-check-digit' });
    expect(parseOrgnr('556016-0681')).toEqual({ success: false, error: 'orgnr-check-digit' });
  });

  it('refuses group digit 0 even when the check digit passes', () => {
    expect(parseOrgnr('0560160681')).toEqual({ success: false, error: 'orgnr-invalid' });
  });

  it('refuses a 12-digit number whose prefix is not 16, 19 or 20', () => {
    expect(parseOrgnr('175560160680')).toEqual({ success: false, error: 'orgnr-invalid' });
    expect(parseOrgnr('195560160680')).toEqual({ success: false, error: 'orgnr-invalid' });
  });

  it.each(['', '   '])('asks for a value when given %j', (input) => {
    expect(parseOrgnr(input)).toEqual({ success: false, error: 'orgnr-required' });
  });

  it.each(['55670-37485', '556703–7485', '556703-748', 'abc', '556703--7485', '5567037485a'])(
    'refuses the shape %s',
    (input) => {
      expect(parseOrgnr(input)).toEqual({ success: false, error: 'orgnr-format' });
    },
  );

  it('refuses a personal identity number by default, with its own error', () => {
    expect(parseOrgnr('121212-1212')).toEqual({ success: false, error: 'orgnr-personnummer' });
    expect(parseOrgnr('19121212-1212')).toEqual({ success: false, error: 'orgnr-personnummer' });
    expect(parseOrgnr('701063-2391')).toEqual({ success: false, error: 'orgnr-personnummer' });
  });

  it('accepts a personal identity number as the organisation number when allowed', () => {
    const options = { allowPersonnummer: true };
    expect(parseOrgnr('121212-1212', options)).toEqual({ success: true, data: '121212-1212' });
    expect(parseOrgnr('191212121212', options)).toEqual({ success: true, data: '121212-1212' });
    expect(parseOrgnr('701063-2391', options)).toEqual({ success: true, data: '701063-2391' });
  });

  it('refuses a third digit below 2 that is not a real date, even when allowed', () => {
    // Month 13 passes Luhn but is neither an organisation nor a personal number.
    expect(parseOrgnr('121312-1211', { allowPersonnummer: true })).toEqual({
      success: false,
      error: 'orgnr-invalid',
    });
  });
});
