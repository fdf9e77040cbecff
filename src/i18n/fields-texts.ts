/**
 * The messages shown at a contact field when its value is refused, one per
 * error code of the field rules in `fields/`.
 */
import type { FieldError } from '../fields/parse-field';
import { defineTexts, type Texts } from './define-texts';

/** One message per {@link FieldError}, in sv and en. */
export const fieldsTexts: Texts<FieldError> = defineTexts({
  sv: {
    'name-required': 'Skriv ditt namn.',
    'name-too-long': 'Namnet får vara högst 100 tecken.',
    'name-characters':
      'Namnet kan innehålla bokstäver, mellanslag, bindestreck, apostrof och punkt.',
    'email-required': 'Skriv din e-postadress.',
    'email-invalid': 'Kontrollera e-postadressen, till exempel namn@foretag.se.',
    'phone-required': 'Skriv ditt telefonnummer.',
    'phone-characters': 'Telefonnumret kan bara innehålla siffror, +, mellanslag och bindestreck.',
    'phone-invalid':
      'Kontrollera telefonnumret, till exempel 070-123 45 67 eller +46 8 123 456 78.',
    'orgnr-required': 'Skriv organisationsnumret.',
    'orgnr-format': 'Ett organisationsnummer har tio siffror, till exempel 556703-7485.',
    'orgnr-check-digit': 'Organisationsnumret stämmer inte. Kontrollera siffrorna.',
    'orgnr-invalid': 'Det här är inte ett giltigt organisationsnummer.',
    'orgnr-personnummer':
      'Det här ser ut som ett personnummer. Vi behöver inte ditt personnummer, så lämna fältet tomt om du saknar organisationsnummer.',
  },
  en: {
    'name-required': 'Enter your name.',
    'name-too-long': 'The name can be at most 100 characters.',
    'name-characters': 'The name can contain letters, spaces, hyphens, apostrophes and full stops.',
    'email-required': 'Enter your email address.',
    'email-invalid': 'Check the email address, for example name@company.com.',
    'phone-required': 'Enter your phone number.',
    'phone-characters': 'The phone number can only contain digits, +, spaces and hyphens.',
    'phone-invalid': 'Check the phone number, for example 070-123 45 67 or +46 8 123 456 78.',
    'orgnr-required': 'Enter the organisation number.',
    'orgnr-format': 'A Swedish organisation number has ten digits, for example 556703-7485.',
    'orgnr-check-digit': 'The organisation number is not right. Check the digits.',
    'orgnr-invalid': 'This is not a valid organisation number.',
    'orgnr-personnummer':
      'This looks like a personal identity number. We do not need yours, so leave the field empty if you have no organisation number.',
  },
});
