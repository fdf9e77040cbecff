/**
 * Texts of the visitor's rights in their data view: correct the contact
 * details they sent, pause the use of their data, say no to marketing, and
 * the requests they have made (GDPR art. 16, 18, 21).
 */
import { defineTexts } from './define-texts';

export const rightsTexts = defineTexts({
  sv: {
    rectifyHeading: 'Rätta dina kontaktuppgifter',
    rectifyDescription:
      'Stämmer något i kontaktuppgifterna du skickade inte? Rätta dem här, så ändras de även hos webbplatsen.',
    rectifyNothing: 'Du har inte skickat några kontaktuppgifter härifrån.',
    rectify: 'Rätta mina uppgifter',
    rectifyTitle: 'Rätta dina uppgifter',
    rectifyPurpose:
      'Det du ändrar ersätter det du skickade tidigare. Vi sparar uppgifterna lika länge som förut, 12 månader efter senaste kontakten.',
    rectifySubmit: 'Skicka rättelsen',
    rectifyFailed: 'Det gick inte att skicka rättelsen just nu. Försök gärna igen.',
    rectified:
      'Klart. Dina uppgifter är rättade och webbplatsen har fått din begäran. Den ska vara hanterad senast {date}.',
    rectifiedQueued:
      'Dina uppgifter är rättade här. Begäran skickas till webbplatsen så snart du är uppkopplad igen.',
    rectifyUnchanged: 'Inget att rätta: uppgifterna är desamma som du skickade.',
    restrictHeading: 'Pausa användningen av dina uppgifter',
    restrictDescription:
      'Vi slutar mäta direkt, och webbplatsen får inte använda det den har om dig till statistik eller marknadsföring medan den går igenom din begäran. Pausen gäller en månad, sedan frågar vi dig igen.',
    restrict: 'Pausa användningen av mina uppgifter',
    pausedUntil:
      'Pausat till {date}. Inget mäts, och dina uppgifter används inte till statistik eller marknadsföring. Sedan frågar vi dig igen. Vill du börja tidigare slår du på ett val ovan.',
    restricted:
      'Klart. Inget mäts längre, och webbplatsen har fått din begäran om att pausa användningen till {date}.',
    restrictedQueued:
      'Inget mäts längre. Begäran om att pausa användningen till {date} skickas till webbplatsen så snart du är uppkopplad igen.',
    objectHeading: 'Ingen marknadsföring',
    objectDescription:
      'Säg nej till marknadsföring, så används dina uppgifter inte för att marknadsföra något till dig.',
    object: 'Nej till marknadsföring',
    objectedOn:
      'Du sa nej till marknadsföring {date}. Det gäller tills du själv slår på marknadsföring igen.',
    objected: 'Klart. Marknadsföring är avstängd och webbplatsen har fått ditt nej.',
    objectedQueued:
      'Marknadsföring är avstängd. Ditt nej skickas till webbplatsen så snart du är uppkopplad igen.',
    requestFailed: 'Det gick inte att skicka just nu. Försök gärna igen.',
    requestsHeading: 'Dina begäranden',
    requestLine: '{kind}, {date}. Ska vara hanterad senast {deadline}.',
    kindRectify: 'Rättelse',
    kindRestrict: 'Paus',
    kindObject: 'Nej till marknadsföring',
  },
  en: {
    rectifyHeading: 'Correct your contact details',
    rectifyDescription:
      'Is something wrong in the contact details you sent? Correct it here, and it is changed on the site too.',
    rectifyNothing: 'You have not sent any contact details from here.',
    rectify: 'Correct my details',
    rectifyTitle: 'Correct your details',
    rectifyPurpose:
      'What you change replaces what you sent before. We keep the details as long as before, 12 months after our last contact.',
    rectifySubmit: 'Send the correction',
    rectifyFailed: 'The correction could not be sent just now. Please try again.',
    rectified:
      'Done. Your details are corrected and the site has your request. It must be handled by {date}.',
    rectifiedQueued:
      'Your details are corrected here. The request is sent to the site as soon as you are back online.',
    rectifyUnchanged: 'Nothing to correct: the details are the same as you sent.',
    restrictHeading: 'Pause the use of your data',
    restrictDescription:
      'We stop measuring at once, and the site may not use what it holds about you for statistics or marketing while it reviews your request. The pause lasts one month; then we ask you again.',
    restrict: 'Pause use of my data',
    pausedUntil:
      'Paused until {date}. Nothing is measured, and your data is not used for statistics or marketing. Then we ask you again. To resume earlier, turn a choice on above.',
    restricted:
      'Done. Nothing is measured any more, and the site has your request to pause the use of your data until {date}.',
    restrictedQueued:
      'Nothing is measured any more. Your request to pause the use of your data until {date} is sent to the site as soon as you are back online.',
    objectHeading: 'No marketing',
    objectDescription: 'Say no to marketing, and your data is not used to market anything to you.',
    object: 'No marketing',
    objectedOn:
      'You said no to marketing on {date}. It holds until you turn marketing on again yourself.',
    objected: 'Done. Marketing is off and the site has your no.',
    objectedQueued: 'Marketing is off. Your no is sent to the site as soon as you are back online.',
    requestFailed: 'This could not be sent just now. Please try again.',
    requestsHeading: 'Your requests',
    requestLine: '{kind}, {date}. To be handled by {deadline}.',
    kindRectify: 'Correction',
    kindRestrict: 'Pause',
    kindObject: 'No marketing',
  },
});
