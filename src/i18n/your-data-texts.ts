/** Texts of the visitor's data view: their choice, export and erasure. */
import { defineTexts } from './define-texts';

export const yourDataTexts = defineTexts({
  sv: {
    title: 'Dina uppgifter',
    choiceHeading: 'Ditt samtycke',
    undecided: 'Du har inte gjort något val än. Inget mäts förrän du säger ja.',
    decidedOn: 'Valt {date}.',
    withdrawnOn: 'Återkallat {date}. Inget mäts.',
    analytics: 'Statistik',
    marketing: 'Marknadsföring',
    necessary: 'Nödvändigt (chatten och ditt val) är alltid på.',
    withdraw: 'Återkalla samtycket',
    changed: 'Ditt val är sparat.',
    exportHeading: 'Ta med dig dina uppgifter',
    exportDescription:
      'Ladda ner allt chatten sparar i din webbläsare: ditt val och kvittona på det, samtalet, kontaktuppgifterna du skickat, dina begäranden, väntande händelser och besöks-id.',
    export: 'Ladda ner (JSON)',
    eraseHeading: 'Radera dina uppgifter',
    eraseDescription:
      'Raderar allt i din webbläsare och ber insamlingstjänsten radera det den har om dig.',
    erase: 'Radera allt',
    eraseConfirm: 'Vill du radera allt? Det går inte att ångra.',
    eraseYes: 'Ja, radera',
    eraseNo: 'Avbryt',
    erasing: 'Raderar…',
    erased:
      'Klart. Allt i din webbläsare är raderat, och insamlingstjänsten har fått din begäran om radering.',
    erasedQueued:
      'Allt i din webbläsare är raderat. Begäran till insamlingstjänsten skickas så snart du är uppkopplad igen.',
    eraseFailed: 'Det gick inte att radera allt just nu. Försök gärna igen.',
    eraseRefused:
      'Allt i din webbläsare är raderat, men insamlingstjänsten tog inte emot begäran om radering. Kontakta webbplatsen för att få det raderat som den har sparat om dig.',
  },
  en: {
    title: 'Your data',
    choiceHeading: 'Your consent',
    undecided: 'You have not chosen yet. Nothing is measured until you say yes.',
    decidedOn: 'Chosen on {date}.',
    withdrawnOn: 'Withdrawn on {date}. Nothing is measured.',
    analytics: 'Statistics',
    marketing: 'Marketing',
    necessary: 'Necessary (the chat and your choice) is always on.',
    withdraw: 'Withdraw consent',
    changed: 'Your choice is saved.',
    exportHeading: 'Take your data with you',
    exportDescription:
      'Download everything the chat keeps in your browser: your choice and its receipts, the conversation, the contact details you sent, your requests, queued events and the visit id.',
    export: 'Download (JSON)',
    eraseHeading: 'Erase your data',
    eraseDescription:
      'Erases everything in your browser and asks the collection service to erase what it holds about you.',
    erase: 'Erase everything',
    eraseConfirm: 'Erase everything? This cannot be undone.',
    eraseYes: 'Yes, erase',
    eraseNo: 'Cancel',
    erasing: 'Erasing…',
    erased:
      'Done. Everything in your browser is erased, and the collection service has your erasure request.',
    erasedQueued:
      'Everything in your browser is erased. The request to the collection service is sent as soon as you are back online.',
    eraseFailed: 'Not everything could be erased just now. Please try again.',
    eraseRefused:
      'Everything in your browser is erased, but the collection service did not accept the erasure request. Contact the site to have what it holds about you erased.',
  },
});
