/**
 * Texts of the consent preferences: for each purpose what it collects, for
 * how long and who receives it (contract §3), the two purposes that need no
 * consent and what they cover (GDPR art. 6(1)(c) and (f)), and the site's
 * recipients. Loaded with the preferences.
 */
import { defineTexts } from './define-texts';

export const preferencesTexts = defineTexts({
  sv: {
    title: 'Integritetsinställningar',
    intro:
      'Välj vad vi får använda. Inget är förvalt, och du kan ändra dig när som helst under Integritetsinställningar.',
    necessaryName: 'Nödvändigt',
    necessaryState: 'Alltid på',
    necessaryDescription:
      'Själva chatten och att vi kommer ihåg ditt val. Sparas bara i din webbläsare: samtalet så länge du behåller det, valet i 12 månader.',
    analyticsName: 'Statistik',
    analyticsDescription:
      'Typ av enhet, webbläsare, vilka sidor du besöker, länkar du klickar på, hur länge du läser och hur du använder chatten, kopplat till ett slumpat besöks-id. Insamlingstjänsten kan spara en förkortad IP-adress. Sparas i högst 13 månader. Mottagare: webbplatsens ägare och dess leverantör av insamlingstjänsten.',
    marketingName: 'Marknadsföring',
    marketingDescription:
      'Kopplar din besökshistorik till ett kontaktformulär du skickar, så att vi kan följa upp din förfrågan. Sparas så länge du är kund och 12 månader efter sista kontakten. Mottagare: webbplatsens ägare; ingenting delas med annonsnätverk.',
    noConsentState: 'Kräver inget samtycke',
    abuseName: 'Skydd mot missbruk',
    abuseDescription:
      'För att stoppa spam, automatiska inskick och överbelastning används din IP-adress en kort stund varje gång webbläsaren skickar något till oss. Den hålls bara i minnet och sparas inte. Kontaktformuläret kontrolleras också mot automatiska inskick. Grund: vårt berättigade intresse av en tjänst som fungerar.',
    legalName: 'Rättsliga skyldigheter',
    legalDescription:
      'Vi sparar ett kvitto på varje val du gör här (vad du valde och när, inget om dig eller din enhet) i 5 år, så att vi kan visa att vi har följt det. Uppgifter lämnas till myndigheter bara när lagen kräver det. Grund: rättslig förpliktelse.',
    recipientsHeading: 'Vem tar emot uppgifterna',
    recipientsDefault:
      'Webbplatsens ägare, som ansvarar för uppgifterna, och de leverantörer som driver chatten och insamlingen åt den. Inget säljs eller delas med annonsnätverk.',
    save: 'Spara val',
    close: 'Stäng utan att spara',
  },
  en: {
    title: 'Privacy settings',
    intro:
      'Choose what we may use. Nothing is preselected, and you can change your mind at any time under Privacy settings.',
    necessaryName: 'Necessary',
    necessaryState: 'Always on',
    necessaryDescription:
      'The chat itself and remembering your choice. Kept only in your browser: the conversation for as long as you keep it, your choice for 12 months.',
    analyticsName: 'Statistics',
    analyticsDescription:
      'Type of device, browser, the pages you visit, links you click, how long you read and how you use the chat, linked to a random visit id. The collection service may keep a shortened IP address. Kept for at most 13 months. Recipients: the website’s owner and its collection service provider.',
    marketingName: 'Marketing',
    marketingDescription:
      'Links your visit history to a contact form you send, so that we can follow up your request. Kept while you are a customer and 12 months after the last contact. Recipients: the website’s owner; nothing is shared with ad networks.',
    noConsentState: 'No consent needed',
    abuseName: 'Preventing abuse',
    abuseDescription:
      'To stop spam, automated submissions and overload, your IP address is used for a moment each time your browser sends us something. It is held in memory only and never stored. The contact form is also checked for automated submissions. Basis: our legitimate interest in a service that works.',
    legalName: 'Legal duties',
    legalDescription:
      'We keep a receipt of each choice you make here (what you chose and when, nothing about you or your device) for 5 years, so that we can show we followed it. Data is handed to authorities only when the law requires it. Basis: legal obligation.',
    recipientsHeading: 'Who receives the data',
    recipientsDefault:
      'The website’s owner, who is responsible for the data, and the providers that run the chat and the data collection for it. Nothing is sold or shared with ad networks.',
    save: 'Save choice',
    close: 'Close without saving',
  },
});
