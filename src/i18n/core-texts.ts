/** Texts of the part every page loads: the launcher and the widget's name. */
import { defineTexts } from './define-texts';

export const coreTexts = defineTexts({
  sv: {
    launcherOpen: 'Öppna chatten',
    launcherClose: 'Stäng chatten',
    widgetLabel: 'Chatt',
    defaultBotName: 'Assistent',
    unread: '{count} olästa meddelanden',
    privacySettings: 'Integritetsinställningar',
  },
  en: {
    launcherOpen: 'Open chat',
    launcherClose: 'Close chat',
    widgetLabel: 'Chat',
    defaultBotName: 'Assistant',
    unread: '{count} unread messages',
    privacySettings: 'Privacy settings',
  },
});
