/** Stored chat transcripts: by day, and a search. */
import { defineTexts } from '../../i18n/define-texts';

export const conversationsTexts = defineTexts({
  sv: {
    title: 'Samtal',
    intro:
      'Chattar som servern har sparat, dag för dag. Sparas i {months} månader; texten har redan rensats från personnummer och kortnummer i webbläsaren.',
    introShort: 'Chattar som servern har sparat, dag för dag.',
    notStored:
      'Servern sparar inte samtal. Den som driver servern kan slå på det med storeConversations: true; besökarnas meddelanden sparas då i upp till 12 månader.',
    day: 'Dag',
    previousDay: 'Föregående dag',
    nextDay: 'Nästa dag',
    search: 'Sök i samtal',
    searchButton: 'Sök',
    searchHint: 'Hittar samtal där något meddelande innehåller texten.',
    clearSearch: 'Rensa sökningen',
    resultsFor: 'Samtal som innehåller ”{q}”',
    empty: 'Inga samtal den här dagen.',
    noResults: 'Inga samtal innehåller ”{q}”.',
    truncated: 'Visar de 200 senaste. Förfina sökningen för att se fler.',
    messages: '{count} meddelanden',
    started: 'Började',
    transcript: 'Utskrift',
    visitor: 'Besökare',
    bot: 'Bot',
    close: 'Stäng utskriften',
  },
  en: {
    title: 'Conversations',
    intro:
      'Chats the server has kept, day by day. Kept for {months} months; personal identity and card numbers were already redacted in the browser.',
    introShort: 'Chats the server has kept, day by day.',
    notStored:
      'The server does not keep conversations. Whoever runs it can turn that on with storeConversations: true; visitors\u2019 messages are then kept for up to 12 months.',
    day: 'Day',
    previousDay: 'Previous day',
    nextDay: 'Next day',
    search: 'Search conversations',
    searchButton: 'Search',
    searchHint: 'Finds conversations where any message contains the text.',
    clearSearch: 'Clear the search',
    resultsFor: 'Conversations containing "{q}"',
    empty: 'No conversations on this day.',
    noResults: 'No conversation contains "{q}".',
    truncated: 'Showing the latest 200. Narrow the search to see others.',
    messages: '{count} messages',
    started: 'Started',
    transcript: 'Transcript',
    visitor: 'Visitor',
    bot: 'Bot',
    close: 'Close the transcript',
  },
});
