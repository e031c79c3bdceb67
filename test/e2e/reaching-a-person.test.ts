// Asking for a person with no staff desk (the default start): the real contact of the resident's own municipality's
// social services, and inside a service the service's own, in Italian and English; never a promise of a call.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { conversation, type Talk } from '../support/conversation.js';
import { LANGS, phrases } from './phrases.js';

interface Seed {
  municipalities: { id: string; name: string; socialServices: { name: string; phone: string; email: string } }[];
}
// The backend's own seed: the bot must show what it serves for each town, whatever an operator writes there.
const towns = (parse(readFileSync('backend/data/municipalities.yaml', 'utf8')) as Seed).municipalities;

/** Any wording that tells the resident someone will get back to them, or that a request was taken. */
const promise =
  /preso nota|ti richiameranno|ti richiameremo|ti ricontatteremo|have noted|I noted|will call you back|will get back to you|will contact you/i;

let talk: Talk | undefined;
afterEach(async () => {
  await talk?.close();
  talk = undefined;
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(LANGS)('reaching a person without a staff desk (%s)', (lang) => {
  const p = phrases[lang];
  const which = lang === 'it' ? /in quale comune abiti\?/ : /Which municipality do you live in\?/;

  it('has seed contacts for five distinct municipalities', () => {
    expect(towns).toHaveLength(5);
    expect(new Set(towns.map((t) => t.socialServices.phone)).size).toBe(5);
  });

  it.each(towns.map((t) => [t.name, t] as const))('gives the social services of %s from a municipality link', async (_name, town) => {
    talk = conversation({ lang });
    const others = towns.filter((t) => t.id !== town.id);
    await talk
      .send({ type: 'start', payload: `mun_${town.id}` })
      .say(p.person)
      .expect(town.socialServices.name)
      .expect(new RegExp(`${escape(town.socialServices.phone)}[\\s\\S]*${escape(town.socialServices.email)}`))
      .expect(lang === 'it' ? /Orari: \S+/ : /Opening hours: \S+/)
      .expectNot(promise)
      .check((t) => {
        const said = t.last.map((m) => ('text' in m ? m.text : '')).join('\n');
        for (const other of others) expect(said).not.toContain(other.socialServices.phone);
      })
      .expect(p.menu);
    expect(talk.effects.filter((e) => e.type === 'handoff_requested')).toEqual([]);
  });

  it('asks the municipality when it is not known, then gives only that one and remembers it', async () => {
    talk = conversation({ lang });
    const campodoro = towns.find((t) => t.id === 'campodoro')!;
    await talk
      .say(p.hello)
      .say(p.person)
      .expect(which)
      .expectNot(promise)
      .press('Campodoro')
      .expect(campodoro.socialServices.phone)
      .expectNot(promise)
      .expect(p.menu)
      .say(p.person) // asked once: known now
      .expect(campodoro.socialServices.phone)
      .expectNot(which);
  });

  it('inside a service, gives the service’s own contact point too, and resumes the question', async () => {
    talk = conversation({ lang });
    const limena = towns.find((t) => t.id === 'limena')!;
    await talk
      .say(p.hello)
      .say(p.typoSearch)
      .press(p.homework)
      .press(p.checkAndBook)
      .say('limena')
      .expect(p.ageQuestion)
      .say(p.person)
      .expect(limena.socialServices.phone)
      .expect(/Cooperativa Sociale Jonathan – Supporto scolastico[\s\S]*\+39 049 000 0103[\s\S]*scuola@jonathan\.example/)
      .expect(lang === 'it' ? /Per il servizio «Doposcuola online»/ : /For the service “Online homework help”/)
      .expectNot(promise)
      .expect(p.ageQuestion);
  });
});
