/**
 * Texts of chat redaction: the placeholder that replaces each kind of number
 * (keyed by kind, so `redactionTexts[locale]` can be passed to
 * `redactMessage` as its placeholders) and the note the visitor sees.
 */
import { defineTexts } from './define-texts';

export const redactionTexts = defineTexts({
  sv: {
    personnummer: '[personnummer]',
    card: '[kortnummer]',
    iban: '[kontonummer]',
    kindPersonnummer: 'ett person- eller samordningsnummer',
    kindCard: 'ett kortnummer',
    kindIban: 'ett kontonummer (IBAN)',
    note: 'Vi tog bort {kinds} ur ditt meddelande innan det skickades. Sådana uppgifter behövs inte här, och så slipper de sparas.',
  },
  en: {
    personnummer: '[personal identity number]',
    card: '[card number]',
    iban: '[account number]',
    kindPersonnummer: 'a personal identity or coordination number',
    kindCard: 'a card number',
    kindIban: 'an account number (IBAN)',
    note: 'We removed {kinds} from your message before it was sent. It is not needed here, and this way it is never stored.',
  },
});
