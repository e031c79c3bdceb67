// `npm start` with a piped conversation: a whole booking scripted on standard input, the reference printed, exit 0.
import { describe, expect, it } from 'vitest';
import { resident } from '../support/people.js';
import { homeworkBookingLines, npmStartPiped as npmStart } from '../support/piped-process.js';

const person = resident(11, { givenName: 'Anna', familyName: 'Gallo' });

describe('npm start with piped input', () => {
  it('books a service end to end in Italian and prints the reference', async () => {
    const lines = homeworkBookingLines(person);
    const { code, stdout, stderr } = await npmStart(`${lines.join('\n')}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Prenotazione confermata! Codice: WBC-\d{4}-\d{6}/);
    const replies = stdout.split('\n').filter((line) => !line.startsWith('> '));
    expect(replies.join('\n')).not.toContain(person.fiscalCode);
  }, 60_000);

  it('speaks English with --locale en and exits 0 at the end of input', async () => {
    const { code, stdout } = await npmStart('hello\n3\n', ['--locale', 'en']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/How can I help you/);
    // this chat's bookings are listed at once, no consent needed: here there are none
    expect(stdout).toMatch(/You have no upcoming bookings made from this chat/);
  }, 60_000);

  it('stops with a message naming the variable when the configuration is wrong', async () => {
    const { code, stderr } = await npmStart('ciao\n', [], { WELFARE_BACKEND_URL: 'not a url' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/WELFARE_BACKEND_URL/);
  }, 60_000);
});
