// `npm run dialogs:check` passes on the shipped flows and names file and path for each kind of mistake.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { lintDialogs } from '../../src/conversation/dialog-lint.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of dialogs/ and locales/ with edits applied: file (relative to the copy) → text transform. */
function copyWith(edits: Record<string, (text: string) => string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sportello-dialogs-'));
  made.push(root);
  cpSync(DIALOGS_DIR, path.join(root, 'dialogs'), { recursive: true });
  cpSync(LOCALES_DIR, path.join(root, 'locales'), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(root, file);
    const before = readFileSync(full, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    writeFileSync(full, after);
  }
  return root;
}

const lint = (root: string) => lintDialogs({ dialogs: path.join(root, 'dialogs'), locales: path.join(root, 'locales'), root });
const replace = (from: string, to: string) => (text: string) => text.replace(from, to);

describe('dialogs:check', () => {
  it('passes on the shipped flows and texts', () => {
    const result = lintDialogs({ dialogs: DIALOGS_DIR, locales: LOCALES_DIR, root: PROJECT_ROOT });
    expect(result.problems).toEqual([]);
    expect(result.flows).toBeGreaterThanOrEqual(8);
    expect(result.languages).toEqual(['ar', 'en', 'it', 'ro', 'sq', 'uk', 'zh']);
  });

  it.each<{ broken: string; edits: Record<string, (text: string) => string>; problem: string }>([
    {
      broken: 'an unknown transition target',
      edits: { 'dialogs/booking.yaml': replace('next: confirm\n', 'next: confrim\n') },
      problem: 'dialogs/booking.yaml: steps.payment.next: unknown step "confrim"',
    },
    {
      broken: 'a target in another flow that does not exist',
      edits: { 'dialogs/search.yaml': replace('next: booking.eligibility', 'next: booking.eligibilty') },
      problem: 'dialogs/search.yaml: steps.card.next: unknown step "booking.eligibilty"',
    },
    {
      broken: 'an unknown step kind',
      edits: { 'dialogs/person.yaml': replace('kind: handoff', 'kind: handof') },
      problem: 'dialogs/person.yaml: steps.handoff.kind: unknown kind "handof"',
    },
    {
      broken: 'a config field the kind does not know',
      edits: { 'dialogs/language.yaml': replace('next: "@return"', 'next: "@return"\n    colour: blue') },
      problem: 'dialogs/language.yaml: steps.pick',
    },
    {
      broken: 'a missing config field',
      edits: { 'dialogs/booking.yaml': replace('    declined: main.menu\n', '') },
      problem: 'dialogs/booking.yaml: steps.confirm.declined',
    },
    {
      broken: 'an unreachable step',
      edits: { 'dialogs/person.yaml': (t: string) => `${t}  orphan:\n    kind: say\n    text: engine.goodbye\n    next: handoff\n` },
      problem: 'dialogs/person.yaml: steps.orphan: unreachable',
    },
    {
      broken: 'a start step that does not exist',
      edits: { 'dialogs/privacy.yaml': replace('start: show', 'start: shw') },
      problem: 'dialogs/privacy.yaml: start: unknown step "shw"',
    },
    {
      broken: 'bad YAML',
      edits: { 'dialogs/vouchers.yaml': replace('steps:\n', 'steps:\n  menu: [\n') },
      problem: 'dialogs/vouchers.yaml: line',
    },
    {
      broken: 'a text key missing in one locale',
      edits: { 'locales/en/main.yaml': replace('my_bookings: "My bookings"\n', '') },
      problem: 'text "main.my_bookings" is missing in locales/en',
    },
    {
      broken: 'a text key the flow names but no locale has',
      edits: { 'dialogs/main.yaml': replace('label: main.search,', 'label: main.serach,') },
      problem: 'dialogs/main.yaml: steps.menu: text "main.serach" is missing in locales/it',
    },
    {
      broken: 'placeholders that differ between locales',
      edits: { 'locales/en/engine.yaml': replace('from {min} to {max}', 'from {minimum} to {max}') },
      problem: 'locales/en/engine.yaml: number_expected: placeholders',
    },
    {
      broken: 'too many choices',
      edits: {
        'dialogs/main.yaml': (t: string) =>
          t.replace(
            '      - { id: language, label: main.language, next: language.pick }\n',
            Array.from({ length: 6 }, (_, i) => `      - { id: extra${i}, label: main.language, next: language.pick }\n`).join('') +
              '      - { id: language, label: main.language, next: language.pick }\n',
          ),
      },
      problem: 'dialogs/main.yaml: steps.menu.choices: 15 choices, at most 10',
    },
    {
      broken: 'a button label too long for the platforms',
      edits: {
        'locales/en/main.yaml': replace('my_bookings: "My bookings"', 'my_bookings: "My bookings, the ones I made and the ones I cancelled"'),
      },
      problem: 'dialogs/main.yaml: steps.menu.choices.2.label: "main.my_bookings" in en is 53 characters, at most 40',
    },
    {
      broken: 'a polite text whose base text changed its placeholders (a stale overlay)',
      edits: { 'locales/it/engine.yaml': replace('da {min} a {max}, per esempio', 'da {from} a {max}, per esempio') },
      problem: "locales/it/polite/engine.yaml: number_expected: placeholders {max, min} differ from the base text's {from, max}",
    },
    {
      broken: 'a polite text with no base text',
      edits: { 'locales/it/polite/main.yaml': (t: string) => `${t}serach: "Descrivere di cosa ha bisogno"\n` },
      problem: 'locales/it/polite/main.yaml: serach: not in locales/it/main.yaml',
    },
    {
      broken: 'a polite button label too long for the platforms',
      edits: {
        'locales/it/polite/main.yaml': replace('person: "Parlare con una persona"', 'person: "Parlare con una persona degli uffici del Suo Comune"'),
      },
      problem: 'dialogs/main.yaml: steps.menu.choices.6.label: "main.person" in it (polite) is',
    },
  ])('fails on $broken, naming file and path', ({ edits, problem }) => {
    const { problems } = lint(copyWith(edits));
    expect(
      problems.some((p) => p.includes(problem)),
      `wanted "${problem}" in:\n${problems.join('\n')}`,
    ).toBe(true);
  });

  it('exits 1 from the command line on a broken set, and 0 on the shipped one', async () => {
    const run = promisify(execFile);
    const cli = path.join(PROJECT_ROOT, 'src/conversation/dialogs-check-cli.ts');
    const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
    const ok = await run(tsx, [cli], { cwd: PROJECT_ROOT });
    expect(ok.stdout).toMatch(/no problems/);
    const root = copyWith({ 'dialogs/booking.yaml': replace('next: confirm\n', 'next: confrim\n') });
    const failed = await run(tsx, [cli, path.join(root, 'dialogs'), path.join(root, 'locales')], { cwd: root }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('dialogs/booking.yaml: steps.payment.next: unknown step "confrim"') });
  }, 30_000);
});
