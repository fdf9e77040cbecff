/** One entry point to the four field rules, for the form and anything else that takes contact details. */
import type { FieldName } from '../config/config-schema';
import type { FieldResult } from './field-result';
import { type EmailError, parseEmail } from './parse-email';
import { type NameError, parseName } from './parse-name';
import { type OrgnrError, type OrgnrOptions, parseOrgnr } from './parse-orgnr';
import { type PhoneError, parsePhone } from './parse-phone';

/** Every error code a field rule can return. */
export type FieldError = NameError | EmailError | PhoneError | OrgnrError;

/** Runs the rule of field `name` on `input`. */
export function parseField(
  name: FieldName,
  input: string,
  options: OrgnrOptions = {},
): FieldResult<string, FieldError> {
  switch (name) {
    case 'name':
      return parseName(input);
    case 'email':
      return parseEmail(input);
    case 'phone':
      return parsePhone(input);
    case 'orgnr':
      return parseOrgnr(input, options);
  }
}
