/** Texts of the part every page loads: the launcher and the widget's name. */
import { defineTexts } from './define-texts';

export const coreTexts = defineTexts({
  sv: {
    launcherOpen: 'Öppna chatten',
    launcherClose: 'Stäng chatten',
    widgetLabel: 'Chatt',
    defaultBotName: 'Assistent',
    // Noun first, so one form is right for every number: the launcher is in the boot, which has no room for plural rules.
    unread: 'olästa meddelanden: {count}',
    privacySettings: 'Integritetsinställningar',
  },
  en: {
    launcherOpen: 'Open chat',
    launcherClose: 'Close chat',
    widgetLabel: 'Chat',
    defaultBotName: 'Assistant',
    unread: 'unread messages: {count}',
    privacySettings: 'Privacy settings',
  },
});
