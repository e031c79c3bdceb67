// config/privacy.yaml: the shipped file names a controller for each of the backend's municipalities; a broken file is
// refused at start, naming file and path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPrivacyFile, PrivacyFileError } from '../../src/app/privacy-file.js';
import { loadConfig } from '../../src/config.js';
import { referenceBackend } from '../support/backend.js';

const scratch = mkdtempSync(join(tmpdir(), 'privacy-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('the privacy file', () => {
  it('ships a controller, with a contact, for every municipality the backend serves', async () => {
    const controllers = loadPrivacyFile();
    const backend = await referenceBackend();
    try {
      const towns = await backend.client.listMunicipalities();
      expect(Object.keys(controllers).sort()).toEqual(towns.map((m) => m.id).sort());
      for (const c of Object.values(controllers)) expect(c.email ?? c.pec ?? c.phone).toBeTruthy();
    } finally {
      await backend.close();
    }
  });

  it.each([
    ['no contact', 'controllers:\n  limena:\n    name: Comune di Limena\n', 'controllers.limena: give at least one of email, pec, phone'],
    ['a bad e-mail', 'controllers:\n  limena:\n    name: Comune di Limena\n    email: nope\n', 'controllers.limena.email'],
    ['an unknown field', 'controllers:\n  limena:\n    name: Comune di Limena\n    email: a@b.it\n    fax: 1\n', 'controllers.limena'],
    ['a municipality id that is not one', 'controllers:\n  Limena PD:\n    name: Comune di Limena\n    email: a@b.it\n', 'controllers.Limena PD'],
    ['bad YAML', 'controllers: [\n', 'bad YAML syntax'],
  ])('refuses %s, naming file and path', (_name, text, problem) => {
    const path = file(`${_name.replace(/\W+/g, '-')}.yaml`, text);
    expect(() => loadPrivacyFile(path)).toThrow(PrivacyFileError);
    expect(() => loadPrivacyFile(path)).toThrow(problem);
  });

  it('refuses a file that is not there', () => {
    expect(() => loadPrivacyFile(join(scratch, 'missing.yaml'))).toThrow(/missing\.yaml: \(file\): file not found/);
  });

  it('is named by PRIVACY_FILE', () => {
    expect(loadConfig({ PRIVACY_FILE: '/etc/sportello/privacy.yaml' }).privacyFile).toBe('/etc/sportello/privacy.yaml');
    expect(loadConfig({}).privacyFile).toBeUndefined();
  });
});
