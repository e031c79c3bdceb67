// Leaving the path and coming back: help, back, language, a person, refused consent, and a backend that goes down.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, peekSession, type Talk } from '../support/conversation.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

describe.each(LANGS)('interruptions (%s)', (lang) => {
  const p = phrases[lang];
  const other = lang === 'it' ? phrases.en : phrases.it;

  /** Opens the homework service and answers up to the question about the child's age. */
  const toAgeQuestion = (t: Talk) => t.say(p.hello).say(p.typoSearch).press(p.homework).press(p.checkAndBook).say('limena').expect(p.ageQuestion);

  it('answers help in the middle of a booking and resumes the same question', async () => {
    talk = conversation({ lang });
    await toAgeQuestion(talk).say(p.help).expect(p.helpText).expect(p.ageQuestion).say('9').expect(p.schoolQuestion);
  });

  it('goes back to the previous question and keeps the answers given', async () => {
    talk = conversation({ lang });
    await toAgeQuestion(talk)
      .say('9')
      .expect(p.schoolQuestion)
      .say(p.back)
      .expect(p.ageQuestion)
      .say('10')
      .expect(p.schoolQuestion)
      .say('2')
      .expect(p.sensitiveConsent);
  });

  it('switches language mid-flow and asks the same question in the new language', async () => {
    talk = conversation({ lang });
    await toAgeQuestion(talk)
      .say(p.language)
      .expect(p.languageQuestion)
      .say(p.otherLanguage)
      .expect(p.switched)
      .expect(other.ageQuestion)
      .say('9')
      .expect(other.schoolQuestion);
  });

  it('without a staff desk, gives the municipality’s social services and resumes where the resident was', async () => {
    talk = conversation({ lang });
    await toAgeQuestion(talk).say(p.person).expect(p.personContact).expect(p.ageQuestion);
    expect(talk.effects.filter((e) => e.type === 'handoff_requested')).toEqual([]);
  });

  it('offers a person after two misunderstandings in a row', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .say(p.categories)
      .say('zzz qqq')
      .expectNot(p.personContact)
      .say('xyz 42 ?!')
      .check((t) => {
        const buttons = t.last.flatMap((m) => (m.type === 'choices' ? m.choices : []));
        expect(buttons.some((b) => b.payload === 'cmd:person')).toBe(true);
      });
  });

  it('ends only the booking path when consent is refused, saving nothing', async () => {
    talk = conversation({ lang });
    await toAgeQuestion(talk)
      .say('9')
      .say('2')
      .say(p.no) // no consent for the ISEE band: the full price applies, and the no is not asked again
      .expect(p.eligible)
      .expectNot(p.answerPrice)
      .say('1')
      .expect(p.consent)
      .say(p.no)
      .expect(p.refusedConsent)
      .expect(p.menu);
    const stored = await peekSession(talk.assistant.store, `terminal:${talk.conversationId}`);
    expect(JSON.stringify(stored)).not.toContain('fiscalCode');
    expect(stored?.data.consent.booking).toBeUndefined();
  });

  it('is honest when the backend goes down mid-booking, then books exactly once on retry', async () => {
    talk = conversation({ lang });
    await toAgeQuestion(talk)
      .say('9')
      .say('2')
      .say(p.no)
      .say('1')
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(p.confirmBooking)
      .backendDown(true)
      .say(p.yes)
      .expect(p.backendDown)
      .expectNot(/Error|at .*\.ts/)
      .backendDown(false)
      .press(p.retry)
      .expect(p.confirmed);
    const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(bookings).toHaveLength(1);
    expect(talk.lastReference()).toBe(bookings[0]!.reference);
  });
});
