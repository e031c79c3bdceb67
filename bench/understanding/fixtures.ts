// The labelled resident utterances of test/fixtures/utterances/<lang>.yaml, read and checked with zod.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/paths.js';

const UTTERANCES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'utterances');

/** What the issue names; each is read from what the assistant does (see evaluate.ts). */
export const Intent = z.enum([
  'human',
  'bookings',
  'cancel',
  'vouchers',
  'voucher-status',
  'language',
  'help',
  'restart',
  'stop',
  'thanks',
  'greeting',
  'privacy',
]);
export type Intent = z.infer<typeof Intent>;

const Expect = z.union([z.object({ services: z.array(z.string().min(1)).min(1) }).strict(), z.object({ intent: Intent }).strict()]);

export const Utterance = z
  .object({
    text: z.string().trim().min(1).max(200),
    expect: Expect,
    split: z.enum(['tune', 'holdout']),
  })
  .strict();
export type Utterance = z.infer<typeof Utterance> & { lang: string };

/** Every language's utterances; a service id the catalogue does not have is an error, not a free miss. */
export function loadUtterances(serviceIds: ReadonlySet<string>, dir = UTTERANCES_DIR): Utterance[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) => {
    const lang = file.replace(/\.yaml$/, '');
    const parsed = z.array(Utterance).safeParse(parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return parsed.data.map((u) => {
      const unknown = 'services' in u.expect ? u.expect.services.filter((id) => !serviceIds.has(id)) : [];
      if (unknown.length > 0) throw new Error(`${file}: "${u.text}" expects unknown services ${unknown.join(', ')}`);
      return { ...u, lang };
    });
  });
}
