/** Texts of the contact form: labels, purpose and retention, and what happens after sending. */
import { defineTexts } from './define-texts';

export const leadFormTexts = defineTexts({
  sv: {
    title: 'Bli kontaktad',
    name: 'Namn',
    email: 'E-post',
    phone: 'Telefon',
    orgnr: 'Organisationsnummer (valfritt)',
    purpose:
      'Vi använder uppgifterna bara för att kontakta dig om din fråga och sparar dem i 12 månader efter senaste kontakten.',
    policyLink: 'Så hanterar vi personuppgifter (öppnas i ny flik)',
    submit: 'Skicka',
    sending: 'Skickar…',
    cancel: 'Avbryt',
    sent: 'Tack! Vi hör av oss så snart vi kan.',
    queued:
      'Tack! Vi når inte fram just nu, så vi skickar uppgifterna automatiskt så snart det går, även om du stänger sidan.',
    failed: 'Det gick inte att skicka just nu. Dina uppgifter finns kvar, försök gärna igen.',
  },
  en: {
    title: 'Get contacted',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    orgnr: 'Organisation number (optional)',
    purpose:
      'We use these details only to contact you about your question, and keep them for 12 months after our last contact.',
    policyLink: 'How we handle personal data (opens in a new tab)',
    submit: 'Send',
    sending: 'Sending…',
    cancel: 'Cancel',
    sent: 'Thank you! We will get back to you as soon as we can.',
    queued:
      'Thank you! We cannot get through right now, so we will send your details automatically as soon as we can, even if you close the page.',
    failed: 'Your details could not be sent just now. They are still here, so please try again.',
  },
});
