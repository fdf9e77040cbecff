/** The sign-in page. The refusal never says whether the address has an account. */
import { defineTexts } from '../../i18n/define-texts';

export const signInTexts = defineTexts({
  sv: {
    title: 'Logga in i Samtals konsol',
    intro:
      'För dig som tar emot kontaktförfrågningar och rättighetsbegäranden från webbplatsens chatt.',
    email: 'E-postadress',
    password: 'Lösenord',
    submit: 'Logga in',
    submitting: 'Loggar in …',
    invalid: 'Fel e-postadress eller lösenord.',
    tooManyOne: 'För många försök. Vänta {count} minut och försök igen.',
    tooManyOther: 'För många försök. Vänta {count} minuter och försök igen.',
    required: 'Fyll i både e-postadress och lösenord.',
    failed: 'Inloggningen misslyckades. Försök igen om en stund.',
    help: 'Inget konto? Den som driver servern skapar det med samtal-server user add.',
  },
  en: {
    title: 'Sign in to the Samtal console',
    intro: "For the people who answer the leads and rights requests from the site's chat.",
    email: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in …',
    invalid: 'Wrong email address or password.',
    tooManyOne: 'Too many attempts. Wait {count} minute and try again.',
    tooManyOther: 'Too many attempts. Wait {count} minutes and try again.',
    required: 'Fill in both the email address and the password.',
    failed: 'Signing in failed. Try again in a moment.',
    help: 'No account? Whoever runs the server creates it with samtal-server user add.',
  },
});
