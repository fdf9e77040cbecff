/**
 * Texts of the consent banner's first layer. Consent covers only what the
 * visitor was told (GDPR art. 4(11), 7(2); EDPB Guidelines 05/2020 on
 * consent, §§ 62–64), so the first layer names every purpose that "Accept
 * all" grants, one sentence each, and who receives the data. Every page may
 * show them, so they stay short.
 */
import { defineTexts } from './define-texts';

export const bannerTexts = defineTexts({
  sv: {
    title: 'Får vi använda data om ditt besök?',
    intro: 'Chatten fungerar lika bra om du säger nej. ”Acceptera alla” betyder ja till:',
    analyticsName: 'Statistik',
    analyticsSummary:
      'vi mäter hur webbplatsen och chatten används (enhet, webbläsare, sidor du ser) för att göra dem bättre.',
    marketingName: 'Marknadsföring',
    marketingSummary:
      'skickar du kontaktformuläret kopplas ditt besök till det, så att vi kan följa upp din fråga.',
    recipients: 'Uppgifterna tas emot av {recipients}.',
    recipientsDefault: 'webbplatsens ägare och dess leverantör av chatt och insamling',
    recipientsMore: '{names} och {count} till (se Inställningar)',
    gpcNote:
      'Din webbläsare skickar Global Privacy Control. Därför lämnar ”Acceptera alla” marknadsföring avstängd; du kan slå på den under Inställningar.',
    policyLink: 'Integritetspolicy (öppnas i ny flik)',
    accept: 'Acceptera alla',
    reject: 'Avvisa alla',
    settings: 'Inställningar',
    dismiss: 'Inte nu',
  },
  en: {
    title: 'May we use data about your visit?',
    intro: 'The chat works just as well if you say no. “Accept all” means yes to:',
    analyticsName: 'Statistics',
    analyticsSummary:
      'we measure how the website and the chat are used (device, browser, pages you see) to make them better.',
    marketingName: 'Marketing',
    marketingSummary:
      'if you send the contact form, your visit is linked to it so that we can follow up your question.',
    recipients: 'The data is received by {recipients}.',
    recipientsDefault: 'the website’s owner and its chat and data collection provider',
    recipientsMore: '{names} and {count} more (see Settings)',
    gpcNote:
      'Your browser sends Global Privacy Control, so “Accept all” leaves marketing off; you can turn it on under Settings.',
    policyLink: 'Privacy policy (opens in a new tab)',
    accept: 'Accept all',
    reject: 'Reject all',
    settings: 'Settings',
    dismiss: 'Not now',
  },
});
