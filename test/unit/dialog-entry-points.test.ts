// main.yaml's entry points: loaded as data, and every mistake named by file and path (loader) or reported by the lint.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DialogError, loadDialogs } from '../../src/conversation/dialog-loader.js';
import { lintDialogs } from '../../src/conversation/dialog-lint.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of dialogs/ with one file edited. */
function dialogsWith(file: string, edit: (text: string) => string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sportello-entries-'));
  made.push(root);
  cpSync(DIALOGS_DIR, path.join(root, 'dialogs'), { recursive: true });
  const full = path.join(root, 'dialogs', file);
  const before = readFileSync(full, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(full, after);
  return root;
}

const problemsOf = (root: string): string[] => {
  try {
    loadDialogs(path.join(root, 'dialogs'), { root });
  } catch (err) {
    if (err instanceof DialogError) return err.problems;
    throw err;
  }
  return [];
};

describe('entry points in dialogs/main.yaml', () => {
  it("are loaded as the flow set's data", () => {
    const flows = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });
    expect(flows.entryPoints).toEqual({
      commands: {
        language: 'language',
        person: 'person',
        my_data: 'privacy',
        privacy: 'privacy.notice',
        delete_data: 'privacy.forget',
        simple: 'simple',
        notifications: 'notifications',
      },
      proactive: { reminder: 'reminder', followup: 'followup' },
      deepLink: 'booking.card',
      residenceAnswer: 'residence',
      childAgeAnswer: 'child_age',
    });
  });

  it.each([
    [
      'an unknown command target',
      'main.yaml',
      (t: string) => t.replace('delete_data: privacy.forget', 'delete_data: privacy.forgte'),
      'dialogs/main.yaml: entry_points.commands.delete_data: unknown step "privacy.forgte"',
    ],
    [
      'an unknown deep-link step',
      'main.yaml',
      (t: string) => t.replace('deep_link: booking.card', 'deep_link: booking.crad'),
      'dialogs/main.yaml: entry_points.deep_link: unknown step "booking.crad"',
    ],
    [
      'a target that is no step',
      'main.yaml',
      (t: string) => t.replace('reminder: reminder', 'reminder: "@return"'),
      'dialogs/main.yaml: entry_points.proactive.reminder: unknown step "@return"',
    ],
    [
      'a command the engine answers itself',
      'main.yaml',
      (t: string) => t.replace('    simple: simple', '    simple: simple\n    menu: main'),
      'dialogs/main.yaml: entry_points.commands.menu: "menu" is no command that opens a flow',
    ],
    [
      'a misspelt answer name',
      'main.yaml',
      (t: string) => t.replace('residence: residence', 'residence: Residence'),
      'dialogs/main.yaml: answers.residence: use lower-case letters',
    ],
    [
      'entry points in another file',
      'search.yaml',
      (t: string) => `${t}\nentry_points:\n  deep_link: search.ask\n`,
      'dialogs/search.yaml: entry_points: only main.yaml declares entry points',
    ],
  ])('the loader names %s', (_name, file, edit, problem) => {
    const problems = problemsOf(dialogsWith(file, edit));
    // One mistake, one problem: the rest of main.yaml still loads.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('the lint reports a command left without a flow, and the flow it no longer reaches', () => {
    const root = dialogsWith('main.yaml', (t) => t.replace('    notifications: notifications\n', ''));
    const result = lintDialogs({ dialogs: path.join(root, 'dialogs'), locales: LOCALES_DIR, root });
    expect(result.problems).toContain('dialogs/main.yaml: entry_points.commands.notifications: no flow for the "notifications" command');
    expect(result.problems.some((p) => p.startsWith('dialogs/notifications.yaml: steps.') && p.includes('unreachable'))).toBe(true);
  });
});
