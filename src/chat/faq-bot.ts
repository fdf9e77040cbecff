/**
 * The demo's FAQ bot: matches a visitor's question to a few topics from the
 * privacy policy by keywords. Pure, so the demo (in the browser) and the
 * reference server answer the same way.
 */
import type { ChatAction, Locale } from '../protocol';

/** One answer: Markdown-subset text and optional actions. */
export interface FaqAnswer {
  text: string;
  actions?: ChatAction[];
}

interface Topic {
  keywords: readonly string[];
  answer: Record<Locale, FaqAnswer>;
}

const topics: readonly Topic[] = [
  {
    keywords: ['spara', 'sparar', 'länge', 'lagra', 'keep', 'long', 'retention', 'store'],
    answer: {
      sv: {
        text: 'Vi sparar kontaktuppgifter i **12 månader** efter senaste kontakten och besöksstatistik i 13 månader. Bokföring sparas minst 7 år, som lagen kräver.',
      },
      en: {
        text: 'We keep contact details for **12 months** after the last contact and visit statistics for 13 months. Bookkeeping is kept at least 7 years, as the law requires.',
      },
    },
  },
  {
    keywords: ['samlar', 'uppgifter', 'ip', 'insamling', 'collect', 'data', 'information'],
    answer: {
      sv: {
        text: 'Vi samlar bara in det du själv lämnar (namn, e-post, telefon, organisationsnummer) och, om du tillåter statistik, grova uppgifter om enhet och besök. IP-adressen kortas innan den sparas.',
      },
      en: {
        text: 'We only collect what you give us (name, email, phone, organisation number) and, if you allow analytics, coarse facts about your device and visit. The IP address is shortened before it is stored.',
      },
    },
  },
  {
    keywords: [
      'radera',
      'ta bort',
      'utdrag',
      'rättighet',
      'rätt',
      'erase',
      'delete',
      'export',
      'rights',
      'copy',
    ],
    answer: {
      sv: {
        text: 'Du kan få ett utdrag, rätta, flytta eller radera dina uppgifter. Öppna **Dina uppgifter** i chatten, eller be oss kontakta dig.',
        actions: [{ type: 'contact-form' }],
      },
      en: {
        text: 'You can get a copy of your data, correct it, move it or have it erased. Open **Your data** in the chat, or ask us to contact you.',
        actions: [{ type: 'contact-form' }],
      },
    },
  },
  {
    keywords: ['cookie', 'cookies', 'kakor', 'samtycke', 'consent', 'tracking', 'spårning'],
    answer: {
      sv: {
        text: 'Vi använder inga cookies. Statistik samlas bara in om du har sagt ja, och du kan ändra dig när som helst.',
      },
      en: {
        text: 'We use no cookies. Statistics are only collected if you said yes, and you can change your mind at any time.',
      },
    },
  },
];

const fallback: Record<Locale, FaqAnswer> = {
  sv: {
    text: 'Det kan jag tyvärr inte svara på. Fråga om vilka uppgifter vi sparar, hur länge, eller dina rättigheter, eller lämna dina kontaktuppgifter så hör vi av oss.',
    actions: [
      {
        type: 'quick-reply',
        label: 'Hur länge sparas data?',
        value: 'Hur länge sparar ni mina uppgifter?',
      },
      { type: 'contact-form' },
    ],
  },
  en: {
    text: "Sorry, I can't answer that. Ask what data we keep, for how long, or about your rights, or leave your details and we will get back to you.",
    actions: [
      {
        type: 'quick-reply',
        label: 'How long is data kept?',
        value: 'How long do you keep my data?',
      },
      { type: 'contact-form' },
    ],
  },
};

function words(text: string): string {
  return ` ${text
    .toLocaleLowerCase('sv')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

/** The topic whose keywords the message mentions most; the fallback when none match. */
export function answerFaq(text: string, locale: Locale): FaqAnswer {
  const message = words(text);
  let best: Topic | null = null;
  let bestScore = 0;
  for (const topic of topics) {
    const score = topic.keywords.filter((keyword) => message.includes(` ${keyword} `)).length;
    if (score > bestScore) {
      best = topic;
      bestScore = score;
    }
  }
  return best === null ? fallback[locale] : best.answer[locale];
}
