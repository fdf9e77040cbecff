/** Texts of the consent banner's first layer; every page may show them, so they stay short. */
import { defineTexts } from './define-texts';

export const bannerTexts = defineTexts({
  sv: {
    title: 'Får vi mäta besöket?',
    body: 'Med ditt ja samlar vi in teknisk information om besöket (enhet, webbläsare, vilka sidor du ser och hur du använder chatten) för att förbättra webbplatsen. Chatten fungerar lika bra om du säger nej.',
    gpcNote:
      'Din webbläsare skickar Global Privacy Control. Därför lämnar ”Acceptera alla” marknadsföring avstängd; du kan slå på den under Inställningar.',
    policyLink: 'Integritetspolicy (öppnas i ny flik)',
    accept: 'Acceptera alla',
    reject: 'Avvisa alla',
    settings: 'Inställningar',
    dismiss: 'Inte nu',
  },
  en: {
    title: 'May we measure this visit?',
    body: 'With your yes we collect technical information about the visit (device, browser, the pages you see and how you use the chat) to improve the website. The chat works just as well if you say no.',
    gpcNote:
      'Your browser sends Global Privacy Control, so “Accept all” leaves marketing off; you can turn it on under Settings.',
    policyLink: 'Privacy policy (opens in a new tab)',
    accept: 'Accept all',
    reject: 'Reject all',
    settings: 'Settings',
    dismiss: 'Not now',
  },
});
