// The data controllers of config/privacy.yaml (or PRIVACY_FILE), checked at start like the other data files; reads only its own file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { DataController } from '../conversation/context.js';
import { DataFileError } from '../errors.js';
import { CONFIG_DIR, shownPath } from '../paths.js';

const defaultPrivacyFile = join(CONFIG_DIR, 'privacy.yaml');

export class PrivacyFileError extends DataFileError {
  readonly code = 'privacy_file_invalid';
  override readonly name = 'PrivacyFileError';
  constructor(problems: string[]) {
    super(problems, 'the privacy file');
  }
}

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a municipality id: lowercase letters, digits and dashes, e.g. "limena"');

const Controller = z
  .object({
    name: z.string().min(1),
    email: z.email().optional(),
    pec: z.email().optional(),
    phone: z.string().min(6).optional(),
  })
  .strict()
  .refine((c) => c.email ?? c.pec ?? c.phone, { error: 'give at least one of email, pec, phone: where privacy requests go' });

const PrivacyFile = z.object({ controllers: z.record(Slug, Controller) }).strict();

/** The controller of each municipality, by its id; throws PrivacyFileError naming file and path of every problem. */
export function loadPrivacyFile(file: string = defaultPrivacyFile): Record<string, DataController> {
  if (!existsSync(file)) throw new PrivacyFileError([`${shownPath(file)}: (file): file not found`]);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const syntax = doc.errors.map((e) => `${shownPath(file)}: line ${e.linePos?.[0].line ?? '?'}: bad YAML syntax: ${e.message.split('\n')[0] ?? ''}`);
  if (syntax.length > 0) throw new PrivacyFileError(syntax);
  const parsed = PrivacyFile.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new PrivacyFileError(
      parsed.error.issues.map((i) => `${shownPath(file)}: ${i.path.length === 0 ? '(root)' : i.path.map(String).join('.')}: ${i.message}`),
    );
  }
  return parsed.data.controllers;
}
