/**
 * Texts of the consent preferences: for each purpose what it collects, for
 * how long and who receives it (contract §3). Loaded with the preferences.
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
    save: 'Save choice',
    close: 'Close without saving',
  },
});
