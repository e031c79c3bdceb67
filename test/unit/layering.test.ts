// The folder rules of src/ hold: no arrow the README forbids (state→conversation, conversation→handoff, http→the
// composition root…) exists in any import; and the checker does report one when it is there.
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { describeViolation, findViolations, LAYER_RULES, readSources } from '../support/layering.js';

describe('layering of src/', () => {
  it('has no import across a forbidden arrow', () => {
    const files = readSources(PROJECT_ROOT);
    expect(files.length).toBeGreaterThan(50);
    expect(findViolations(files).map(describeViolation)).toEqual([]);
  });
});

describe('the layering checker', () => {
  const fixture = [
    { path: 'src/state/codec.ts', text: "import type { Session } from '../conversation/session.js';\nimport { z } from 'zod';\n" },
    { path: 'src/conversation/steps/handoff.ts', text: "export { describeOpening } from '../../handoff/office-hours.js';\n" },
    { path: 'src/http/server.ts', text: "const root = await import('../app/compose.js');\nimport type { Logger } from '../log.js';\n" },
    {
      path: 'src/channels/telegram/channel.ts',
      text: "import type { Config } from '../../config.js';\nimport type { Metrics } from '../../http/metrics.js';\n",
    },
    { path: 'src/conversation/turn.ts', text: "import { codeOf } from '../errors.js';\nimport { encodeSession } from './codec.js';\n" },
  ];

  it('reports each forbidden import, static, re-exported or dynamic, naming file and import', () => {
    expect(findViolations(fixture).map((v) => `${v.file} → ${v.import}`)).toEqual([
      'src/state/codec.ts → ../conversation/session.js',
      'src/conversation/steps/handoff.ts → ../../handoff/office-hours.js',
      'src/http/server.ts → ../app/compose.js',
      'src/channels/telegram/channel.ts → ../../config.js',
      'src/channels/telegram/channel.ts → ../../http/metrics.js',
    ]);
  });

  it('says which rule an import breaks, and why', () => {
    const [first] = findViolations(fixture.slice(0, 1));
    expect(describeViolation(first!)).toMatch(
      /^src\/state\/codec\.ts imports \.\.\/conversation\/session\.js \(src\/state\/ must not import src\/conversation\/: /,
    );
  });

  it('covers every arrow the README forbids', () => {
    expect(LAYER_RULES.map((r) => `${r.from} ↛ ${r.to}`)).toEqual([
      'src/state/ ↛ src/conversation/',
      'src/i18n/ ↛ src/conversation/',
      'src/conversation/ ↛ src/handoff/',
      'src/conversation/ ↛ src/proactive/',
      'src/channels/ ↛ src/http/',
      'src/channels/ ↛ src/config.ts',
      'src/handoff/ ↛ src/http/',
      'src/proactive/ ↛ src/http/',
      'src/http/ ↛ src/app/',
      'src/http/ ↛ src/main.ts',
    ]);
  });
});
