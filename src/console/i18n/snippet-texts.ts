/** The snippet helper: the exact tag for a site, and what it will load. */
import { defineTexts } from '../../i18n/define-texts';

export const snippetTexts = defineTexts({
  sv: {
    title: 'Kodsnutt',
    intro:
      'Klistra in taggen före </body> på varje sida där chatten ska finnas. Ändra valen nedan så uppdateras taggen.',
    options: 'Val',
    locale: 'Språk',
    localeAuto: 'Besökarens webbläsare (svenska om den inte säger engelska)',
    sv: 'Svenska',
    en: 'Engelska',
    policyUrl: 'Adress till integritetspolicyn',
    policyUrlHint: 'Visas i samtyckesrutan. Lämna tomt för att inte visa någon länk.',
    policyVersion: 'Policyversion',
    policyVersionHint:
      'Byt när policyn ändras, så frågar rutan om samtycke igen. Syns i översiktens andel godkännanden.',
    fields: 'Fält i kontaktformuläret',
    fieldsHint: 'Bara de fält du väljer efterfrågas och skickas.',
    name: 'Namn',
    email: 'E-post',
    phone: 'Telefon',
    orgnr: 'Organisationsnummer',
    consent: 'Vem frågar om samtycke',
    consentBanner: 'Samtal visar en egen samtyckesruta',
    consentHost: 'Webbplatsens eget samtyckesverktyg (Samtal.consent.set)',
    chat: 'Chatt med botten på den här servern',
    tag: 'Taggen',
    copy: 'Kopiera taggen',
    copied: 'Taggen är kopierad.',
    loads: 'Vad webbplatsen laddar',
    loadsIntro: 'Från den här servern ({origin}), i den här ordningen:',
    loadPage:
      'När sidan laddas: samtal.js, som bara definierar window.Samtal och väntar tills webbläsaren är ledig.',
    loadIdle:
      'När webbläsaren är ledig: samtal-boot.js med startknappen och, tills besökaren har valt, samtyckesrutan.',
    loadPanel: 'När besökaren pekar på eller öppnar chatten: chattpanelen.',
    loadForms:
      'När de visas: kontaktformuläret, vyn ”dina uppgifter” och samtyckesinställningarna.',
    loadTelemetry: 'Bara efter samtycke till statistik: statistikmodulen.',
    sends: 'Vad den skickar',
    sendConsent:
      'Varje samtyckesbeslut, som ett kvitto utan uppgifter om enheten: {origin}/v1/consent',
    sendEvents:
      'Sidvisningar och enhet i grova drag, bara med samtycke till statistik: {origin}/v1/events',
    sendLeads: 'Kontaktformuläret, när besökaren skickar det: {origin}/v1/leads',
    sendChat: 'Chattmeddelanden: {origin}/v1/chat',
    csp: 'Om webbplatsen har en Content Security Policy',
    cspIntro:
      'Lägg till servern i de här direktiven; inget unsafe-inline eller unsafe-eval behövs.',
  },
  en: {
    title: 'Snippet',
    intro:
      'Paste the tag before </body> on every page that should have the chat. Change the options below and the tag follows.',
    options: 'Options',
    locale: 'Language',
    localeAuto: "The visitor's browser (Swedish unless it says English)",
    sv: 'Swedish',
    en: 'English',
    policyUrl: 'Privacy policy address',
    policyUrlHint: 'Shown in the consent banner. Leave empty to show no link.',
    policyVersion: 'Policy version',
    policyVersionHint:
      "Change it when the policy changes, and the banner asks again. It appears in the overview's acceptance rate.",
    fields: 'Contact form fields',
    fieldsHint: 'Only the fields you choose are asked for and sent.',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    orgnr: 'Organisation number',
    consent: 'Who asks for consent',
    consentBanner: 'Samtal shows its own consent banner',
    consentHost: "The site's own consent tool (Samtal.consent.set)",
    chat: "Chat with this server's bot",
    tag: 'The tag',
    copy: 'Copy the tag',
    copied: 'The tag is copied.',
    loads: 'What the site will load',
    loadsIntro: 'From this server ({origin}), in this order:',
    loadPage:
      'On page load: samtal.js, which only defines window.Samtal and waits until the browser is idle.',
    loadIdle:
      'When the browser is idle: samtal-boot.js with the launcher and, until the visitor has chosen, the consent banner.',
    loadPanel: 'When the visitor points at or opens the chat: the chat panel.',
    loadForms: 'When shown: the contact form, the "your data" view and the consent settings.',
    loadTelemetry: 'Only after consent to analytics: the telemetry module.',
    sends: 'What it sends',
    sendConsent:
      'Each consent decision, as a receipt with nothing about the device: {origin}/v1/consent',
    sendEvents:
      'Page views and the device in coarse terms, only with consent to analytics: {origin}/v1/events',
    sendLeads: 'The contact form, when the visitor sends it: {origin}/v1/leads',
    sendChat: 'Chat messages: {origin}/v1/chat',
    csp: 'If the site has a Content Security Policy',
    cspIntro: 'Add this server to these directives; no unsafe-inline or unsafe-eval is needed.',
  },
});
