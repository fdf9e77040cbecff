/**
 * What the bot says on its own, without a knowledge-base entry: greetings,
 * thanks, a request for a person, and the fallback when a locale has no
 * `_fallback.md`. Each offers the contact form where a person is what helps.
 */
import type { Locale } from '../protocol/common';

export interface BotTexts {
  greeting: string;
  thanks: string;
  human: string;
  fallback: string;
}

export const botTexts: Record<Locale, BotTexts> = {
  sv: {
    greeting: 'Hej! Vad kan jag hjälpa dig med? Skriv din fråga med egna ord.',
    thanks: 'Varsågod! Fråga gärna om det är något mer du undrar över.',
    human:
      'Jag är en automatisk assistent, men en kollega hör gärna av sig till dig. Lämna dina uppgifter i kontaktformuläret, så kontaktar vi dig.',
    fallback:
      'Det kan jag tyvärr inte svara på. Formulera gärna frågan på ett annat sätt, eller lämna dina uppgifter i kontaktformuläret så hör en kollega av sig.',
  },
  en: {
    greeting: 'Hi! How can I help you? Ask your question in your own words.',
    thanks: 'You are welcome! Just ask if there is anything else.',
    human:
      'I am an automated assistant, but a colleague will gladly get in touch. Leave your details in the contact form and we will contact you.',
    fallback:
      'I am afraid I cannot answer that. Try asking in other words, or leave your details in the contact form and a colleague will get back to you.',
  },
};
