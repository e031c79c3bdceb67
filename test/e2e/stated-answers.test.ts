// What the resident already said is not asked again: a child's age written in the search ("mio figlio di 9 anni").
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, peekSession, type Talk } from '../support/conversation.js';
import { LANGS, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

const SEARCH = { it: 'doposcuola per mio figlio di 9 anni', en: 'homework help for my son, he is 9 years old' } as const;
const TWO_CHILDREN = {
  it: 'doposcuola per mio figlio di 9 anni e mia figlia di 12 anni',
  en: 'homework help for my son, 9 years, and my daughter, 12 years',
} as const;

describe.each(LANGS)('answers said in passing (%s)', (lang) => {
  const p = phrases[lang];

  it('does not ask the age of a child the search already gave, and keeps it as the answer', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .say(SEARCH[lang])
      .press(p.homework)
      .press(p.checkAndBook)
      .expect(lang === 'it' ? 'Mi hai detto che il bambino ha 9 anni: non te lo chiedo di nuovo.' : 'You told me the child is 9: I won’t ask again.')
      .expect(p.municipalityQuestion)
      .say('limena')
      .expectNot(p.ageQuestion)
      .expect(p.schoolQuestion);
    const stored = await peekSession(talk.assistant.store, `terminal:${talk.conversationId}`);
    expect(stored?.data.answers.child_age).toBe(9);
  });

  it('asks when the search speaks of two children of different ages', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .say(TWO_CHILDREN[lang])
      .press(p.homework)
      .press(p.checkAndBook)
      .expectNot(/told me|Mi hai detto/)
      .say('limena')
      .expect(p.ageQuestion);
  });
});
