/**
 * The demo company's FAQ bot: answers questions about its privacy policy in
 * Swedish and English. Pure matching on words, no I/O, so the demo's mocks
 * and the reference server give the same answers.
 */
import type { ChatAction } from '../protocol/chat';
import type { Locale } from '../protocol/common';

/** One answer of the bot. */
export interface BotAnswer {
  text: string;
  actions?: ChatAction[];
}

type Topic = 'collected' | 'why' | 'retention' | 'rights' | 'cookies' | 'contact' | 'greeting';

interface TopicEntry {
  topic: Topic;
  /** Word stems that point to the topic, in either language. */
  stems: string[];
}

// Checked in order: "I want to be contacted about erasure" is about contact.
const topics: TopicEntry[] = [
  {
    topic: 'contact',
    stems: [
      'kontakta',
      'kontakt',
      'ring',
      'mejl',
      'mail',
      'höra av',
      'hör av',
      'prata med',
      'människa',
      'contact',
      'call me',
      'reach',
      'get in touch',
      'human',
    ],
  },
  {
    topic: 'rights',
    stems: [
      'radera',
      'ta bort',
      'kopia',
      'utdrag',
      'rätt',
      'rätta',
      'begräns',
      'flytta',
      'erase',
      'delete',
      'remove',
      'copy',
      'export',
      'right',
      'correct',
      'restrict',
      'portab',
    ],
  },
  {
    topic: 'retention',
    stems: [
      'hur länge',
      'sparar',
      'spara',
      'lagra',
      'gallra',
      'how long',
      'keep',
      'retention',
      'store',
    ],
  },
  { topic: 'cookies', stems: ['kak', 'cookie', 'spår', 'track'] },
  { topic: 'why', stems: ['varför', 'syfte', 'ändamål', 'använd', 'why', 'purpose', 'use '] },
  {
    topic: 'collected',
    stems: [
      'samlar',
      'insaml',
      'vilka uppgifter',
      'personuppgift',
      'information',
      'data',
      'collect',
      'gather',
      'personal',
    ],
  },
  { topic: 'greeting', stems: ['hej', 'hallå', 'tjena', 'god ', 'hello', 'hi', 'hey', 'good '] },
];

const answers: Record<Locale, Record<Topic | 'fallback', string>> = {
  sv: {
    greeting:
      'Hej! Jag svarar på frågor om hur **Ljungberg & Ek** hanterar personuppgifter. Vad vill du veta?',
    collected:
      'Vi samlar in två sorters uppgifter:\n\n- **Det du skriver till oss:** chattmeddelanden och, om du ber oss höra av oss, namn, e-post, telefon och organisationsnummer.\n- **Teknisk information, bara om du säger ja:** typ av enhet och webbläsare, vilka sidor du besöker och hur länge. IP-adressen kortas av innan den sparas.\n\nPersonnummer och kortnummer tas bort ur chatten innan meddelandet skickas.',
    why: 'Vi använder uppgifterna för att:\n\n1. svara på dina frågor och kontakta dig när du ber om det,\n2. göra webbplatsen bättre, *bara med ditt samtycke*,\n3. följa upp din förfrågan, om du tillåter marknadsföring.',
    retention:
      'Så länge sparar vi:\n\n- Chattar och kontaktförfrågningar: så länge du är kund och **12 månader** efter sista kontakten.\n- Besöksstatistik: högst 13 månader.\n- Ditt samtyckesval: fem år, så att vi kan visa vad du valde.\n- Bokföringsunderlag: minst sju år, enligt bokföringslagen.\n\nChatten i din webbläsare försvinner 30 dagar efter senaste meddelandet.',
    rights:
      'Uppgifterna är dina. Du kan få en **kopia**, be oss **rätta** eller **radera** dem, **begränsa** hur vi använder dem eller få dem i ett format du kan ta med dig.\n\nDet som sparats i din webbläsare ser, laddar du ner och raderar du under *Integritet och dina uppgifter* i chattens meny. För resten: mejla [info@ljungberg-ek.example](mailto:info@ljungberg-ek.example).',
    cookies:
      'Vi använder **inga kakor**. Chatten sparar samtalet och ditt samtyckesval i din webbläsare, och statistik samlas bara in om du säger ja.',
    contact:
      'Gärna! Lämna dina uppgifter i kontaktformuläret så hör vi av oss, oftast samma arbetsdag. Du når oss också på [info@ljungberg-ek.example](mailto:info@ljungberg-ek.example) eller [063-12 34 56](tel:+4663123456).',
    fallback:
      'Det kan jag tyvärr inte svara på. Jag kan berätta vad vi samlar in, varför, hur länge vi sparar det och hur du får en kopia eller blir raderad. Vill du hellre prata med en människa kan vi kontakta dig.',
  },
  en: {
    greeting:
      'Hi! I answer questions about how **Ljungberg & Ek** handles personal data. What would you like to know?',
    collected:
      'We collect two kinds of data:\n\n- **What you write to us:** chat messages and, if you ask us to get in touch, your name, email, phone and organisation number.\n- **Technical information, only if you say yes:** the kind of device and browser, which pages you visit and for how long. The IP address is shortened before it is stored.\n\nPersonal identity numbers and card numbers are removed from the chat before a message is sent.',
    why: 'We use the data to:\n\n1. answer your questions and contact you when you ask us to,\n2. improve the website, *only with your consent*,\n3. follow up your enquiry, if you allow marketing.',
    retention:
      'How long we keep it:\n\n- Chats and contact requests: while you are a customer and **12 months** after the last contact.\n- Visit statistics: at most 13 months.\n- Your consent choice: five years, so we can show what you chose.\n- Bookkeeping records: at least seven years, as the Swedish Bookkeeping Act requires.\n\nThe chat in your browser is removed 30 days after the last message.',
    rights:
      'The data is yours. You can get a **copy**, ask us to **correct** or **erase** it, **restrict** how we use it, or get it in a format you can take elsewhere.\n\nWhat is stored in your browser you can see, download and erase under *Privacy and your data* in the chat menu. For everything else, email [info@ljungberg-ek.example](mailto:info@ljungberg-ek.example).',
    cookies:
      'We use **no cookies**. The chat keeps the conversation and your consent choice in your browser, and statistics are collected only if you say yes.',
    contact:
      'Of course! Leave your details in the contact form and we will get back to you, usually the same working day. You can also reach us at [info@ljungberg-ek.example](mailto:info@ljungberg-ek.example) or [+46 63-12 34 56](tel:+4663123456).',
    fallback:
      'I am afraid I cannot answer that. I can tell you what we collect, why, how long we keep it, and how to get a copy or be erased. If you would rather talk to a person, we can contact you.',
  },
};

const suggestions: Record<Locale, { label: string; value: string; topic: Topic }[]> = {
  sv: [
    { topic: 'collected', label: 'Vad samlar ni in?', value: 'Vilka uppgifter samlar ni in?' },
    {
      topic: 'retention',
      label: 'Hur länge sparas det?',
      value: 'Hur länge sparar ni uppgifterna?',
    },
    {
      topic: 'rights',
      label: 'Kopia eller radering',
      value: 'Hur får jag en kopia eller blir raderad?',
    },
    { topic: 'contact', label: 'Bli kontaktad', value: 'Jag vill bli kontaktad' },
  ],
  en: [
    { topic: 'collected', label: 'What do you collect?', value: 'What data do you collect?' },
    { topic: 'retention', label: 'How long is it kept?', value: 'How long do you keep the data?' },
    { topic: 'rights', label: 'Copy or erasure', value: 'How do I get a copy or get erased?' },
    { topic: 'contact', label: 'Get contacted', value: 'I would like to be contacted' },
  ],
};

function findTopic(text: string): Topic | null {
  const normalised = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const { topic, stems } of topics) {
    // Short stems must start a word, so "hi" does not match "this".
    if (stems.some((stem) => normalised.includes(stem.length <= 4 ? ` ${stem}` : stem))) {
      return topic;
    }
  }
  return null;
}

/** The bot's answer to `text`, in `locale`. */
export function answerChat(text: string, locale: Locale): BotAnswer {
  const topic = findTopic(text);
  if (topic === 'contact') {
    return { text: answers[locale].contact, actions: [{ type: 'contact-form' }] };
  }
  const actions: ChatAction[] = suggestions[locale]
    .filter((suggestion) => suggestion.topic !== topic)
    .slice(0, 3)
    .map(({ label, value }) => ({ type: 'quick-reply', label, value }));
  return { text: answers[locale][topic ?? 'fallback'], actions };
}
