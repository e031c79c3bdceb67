// `npm run dialogs:graph`: every step and transition of every flow drawn, labels escaped, committed diagrams current.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  embedInReadme,
  flowDiagram,
  flowDocs,
  flowDocsFromDisk,
  leadingComment,
  mermaidText,
  README_BEGIN,
  README_END,
  syncFlowDocs,
  transitions,
} from '../../src/conversation/dialog-graph.js';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { resolveTarget, type FlowSet, type StepDef } from '../../src/conversation/flow.js';
import { stepKinds } from '../../src/conversation/steps/index.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A diagram read back as names: a step is its id, another flow's step `flow.step`, a terminal `@return`/`@end`. */
function readDiagram(block: string) {
  const names = new Map<string, string>();
  for (const [, id, text] of block.matchAll(/^ {2}(\w+)(?:\(\(|\[\[|\(\[|\[)"([^"]*)"/gm)) names.set(id!, text!.split('<br/>')[0]!);
  const edges = [...block.matchAll(/^ {2}(\w+) -->(?:\|"([^"]*)"\|)? (\w+)$/gm)].map(([, from, label, to]) => ({
    from: names.get(from!) ?? `?${from!}`,
    to: names.get(to!) ?? `?${to!}`,
    label,
  }));
  return { names: [...names.values()], edges };
}

function flowSet(flows: Record<string, { start: string; steps: Record<string, { kind: string } & Record<string, unknown>> }>): FlowSet {
  return {
    home: { flow: 'main', step: flows['main']!.start },
    flows: new Map(
      Object.entries(flows).map(([id, { start, steps }]) => [
        id,
        {
          id,
          file: `dialogs/${id}.yaml`,
          start,
          steps: new Map(Object.entries(steps).map(([stepId, { kind, ...config }]): [string, StepDef] => [stepId, { id: stepId, kind, config }])),
        },
      ]),
    ),
  };
}

describe('dialogs:graph on the shipped flows', () => {
  const flows = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });

  it.each([...flows.flows.keys()])('draws every step and every transition of %s', (id) => {
    const flow = flows.flows.get(id)!;
    const { names, edges } = readDiagram(flowDiagram(flows, id));
    for (const step of flow.steps.values()) expect(names).toContain(step.id);
    expect(edges).toContainEqual({ from: 'start', to: flow.start, label: undefined });
    const drawn = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
    for (const step of flow.steps.values()) {
      for (const target of stepKinds[step.kind]!.targets(step.config)) {
        const to = resolveTarget(flows, id, target)!;
        const name = typeof to === 'string' ? to : to.flow === id ? to.step : `${to.flow}.${to.step}`;
        expect(drawn, `${id}: ${step.id} -> ${target}`).toContain(`${step.id} -> ${name}`);
      }
    }
  });

  it('labels edges with the field that names them, and menu choices with their Italian text', () => {
    const it = flowDocsFromDisk({ dialogs: DIALOGS_DIR, locales: LOCALES_DIR, root: PROJECT_ROOT });
    const main = readDiagram(it.find((f) => f.path === 'docs/flows/main.md')!.content);
    expect(main.edges).toContainEqual({ from: 'menu', to: 'booking.category', label: 'Cerca per argomento' });
    expect(main.edges).toContainEqual({ from: 'menu', to: 'search.results', label: 'freeText' });
    const booking = readDiagram(flowDiagram(flows, 'booking')).edges;
    expect(booking).toContainEqual({ from: 'outcome', to: 'slot', label: 'eligible' });
    expect(booking).toContainEqual({ from: 'confirm', to: 'main.menu', label: 'declined' });
    expect(booking).toContainEqual({ from: 'slot', to: 'consent', label: undefined }); // next
    // `source: category` sits beside `empty: category`: the edge is the target's field, not the first match by value.
    expect(booking).toContainEqual({ from: 'services', to: 'category', label: 'empty' });
  });

  it('draws steps of other flows as linked nodes, and @return as a terminal', () => {
    const search = flowDiagram(flows, 'search');
    expect(readDiagram(search).edges).toContainEqual({ from: 'card', to: 'booking.eligibility', label: undefined });
    expect(search).toMatch(/^ {2}ext_booking_eligibility\[\["booking\.eligibility"\]\]$/m);
    expect(search).toContain('click ext_booking_eligibility href "booking.md"');
    expect(search).toMatch(/^ {2}class .*ext_booking_eligibility.* external$/m);
    const language = flowDiagram(flows, 'language');
    expect(readDiagram(language).edges).toContainEqual({ from: 'pick', to: '@return', label: undefined });
    expect(language).toMatch(/^ {2}class t_return terminal$/m);
  });

  it('is committed in docs/flows/ and the README, up to date (regenerate with npm run dialogs:graph)', () => {
    const files = flowDocsFromDisk({ dialogs: DIALOGS_DIR, locales: LOCALES_DIR, root: PROJECT_ROOT });
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['docs/flows/README.md', 'docs/flows/main.md', 'README.md']));
    for (const file of files) {
      const committed = existsSync(path.join(PROJECT_ROOT, file.path)) ? readFileSync(path.join(PROJECT_ROOT, file.path), 'utf8') : '(missing)';
      expect(committed, `${file.path} is stale: run npm run dialogs:graph`).toBe(file.content);
    }
    expect(syncFlowDocs(PROJECT_ROOT, files, { check: true })).toEqual({ stale: [], removed: [] });
  });

  it('exits 0 with --check on the committed files', async () => {
    const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['src/conversation/dialogs-graph-cli.ts', '--check'], { cwd: PROJECT_ROOT });
    expect(stdout).toMatch(/files up to date/);
  }, 30_000);
});

describe('dialogs:graph on a made-up set', () => {
  const flows = flowSet({
    main: {
      start: 'menu',
      steps: {
        menu: {
          kind: 'menu',
          text: 'k.prompt',
          choices: [
            { id: 'a', label: 'k.quote', next: 'a_b.go' },
            { id: 'b', label: 'k.pipe', next: 'a.b_go' },
            { id: 'c', label: 'k.hello', next: 'bye' },
            { id: 'd', label: 'k.bye', next: 'bye' },
          ],
          freeText: 'other',
        },
        bye: { kind: 'say', text: 'k.bye', next: '@end' },
      },
    },
    a_b: { start: 'go', steps: { go: { kind: 'say', text: 'k.x', next: 'main.menu' } } },
    a: { start: 'b_go', steps: { b_go: { kind: 'say', text: 'k.x', next: '@return' } } },
    other: { start: 'first', steps: { first: { kind: 'say', text: 'k.x', next: 'main' } } },
  });
  const texts: Record<string, string> = { 'k.quote': 'Dì "sì" <subito> #1', 'k.pipe': 'a | b', 'k.hello': 'Ciao', 'k.bye': 'Arrivederci' };
  const diagram = flowDiagram(flows, 'main', { label: (key) => texts[key] ?? key });

  it('escapes labels with entity codes and keeps node ids to letters, digits and _', () => {
    expect(mermaidText('Dì "sì" <subito> #1')).toBe('Dì #quot;sì#quot; #lt;subito#gt; #35;1');
    expect(diagram).toContain('s_menu -->|"Dì #quot;sì#quot; #lt;subito#gt; #35;1"| ext_a__b_go');
    expect(diagram).toContain('s_menu -->|"a #124; b"| ext_a_b_go');
    const ids = [...diagram.matchAll(/^ {2}(\w+)[[(]/gm)].map((m) => m[1]!);
    expect(ids.every((id) => /^[A-Za-z0-9_]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('merges choices that go to the same step, resolves a bare flow name to its start, and draws @end', () => {
    const { edges } = readDiagram(diagram);
    expect(edges).toContainEqual({ from: 'menu', to: 'bye', label: 'Ciao, Arrivederci' });
    expect(edges).toContainEqual({ from: 'menu', to: 'other.first', label: 'freeText' });
    expect(edges).toContainEqual({ from: 'bye', to: '@end', label: undefined });
    expect(readDiagram(flowDiagram(flows, 'other')).edges).toContainEqual({ from: 'first', to: 'main.menu', label: undefined });
  });

  it('is the same text every time', () => {
    expect(flowDocs(flows)).toEqual(flowDocs(flows));
    expect(flowDocs(flows).map((f) => f.path)).toEqual([
      'docs/flows/a.md',
      'docs/flows/a_b.md',
      'docs/flows/main.md',
      'docs/flows/other.md',
      'docs/flows/README.md',
    ]);
    expect(flowDocs(flows)[0]!.content.split('\n')[0]).toBe(
      '<!-- Generated by `npm run dialogs:graph` from dialogs/a.yaml: do not edit by hand. -->',
    );
  });

  it('reads the field of each target even when another field holds the same text', () => {
    const step: StepDef = { id: 'list', kind: 'service_list', config: { source: 'category', next: 'card', empty: 'category' } };
    expect(transitions(step)).toEqual([
      { target: 'card', field: ['next'] },
      { target: 'category', field: ['empty'] },
    ]);
  });

  it('throws on a target no flow has', () => {
    const broken = flowSet({ main: { start: 'm', steps: { m: { kind: 'say', text: 'k', next: 'nowhere' } } } });
    expect(() => flowDiagram(broken, 'main')).toThrow('dialogs/main.yaml: steps.m: unknown step "nowhere"');
  });

  it('puts the home flow between the README markers, and refuses a README without them', () => {
    const readme = `# Title\n\n${README_BEGIN}\nold\n${README_END}\n\n## After\n`;
    const once = embedInReadme(readme, flows);
    expect(once).toContain(`${README_BEGIN}\n\`\`\`mermaid\nflowchart TD\n`);
    expect(once).toContain('click ext_other_first href "docs/flows/other.md"');
    expect(once.endsWith(`\`\`\`\n${README_END}\n\n## After\n`)).toBe(true);
    expect(embedInReadme(once, flows)).toBe(once);
    expect(() => embedInReadme('# Title\n', flows)).toThrow(/README\.md: no/);
  });
});

describe('syncFlowDocs', () => {
  it('lists stale files with --check without writing, then writes them and removes pages of deleted flows', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sportello-graph-'));
    made.push(root);
    mkdirSync(path.join(root, 'docs/flows'), { recursive: true });
    const gone = '<!-- Generated by `npm run dialogs:graph` from dialogs/gone.yaml: do not edit by hand. -->\n';
    writeFileSync(path.join(root, 'docs/flows/gone.md'), gone);
    writeFileSync(path.join(root, 'docs/flows/notes.md'), '# Written by hand\n');
    const files = [{ path: 'docs/flows/main.md', content: 'diagram\n' }];

    expect(syncFlowDocs(root, files, { check: true })).toEqual({ stale: ['docs/flows/main.md'], removed: ['docs/flows/gone.md'] });
    expect(existsSync(path.join(root, 'docs/flows/main.md'))).toBe(false);
    expect(existsSync(path.join(root, 'docs/flows/gone.md'))).toBe(true);

    expect(syncFlowDocs(root, files)).toEqual({ stale: ['docs/flows/main.md'], removed: ['docs/flows/gone.md'] });
    expect(readFileSync(path.join(root, 'docs/flows/main.md'), 'utf8')).toBe('diagram\n');
    expect(existsSync(path.join(root, 'docs/flows/gone.md'))).toBe(false);
    expect(existsSync(path.join(root, 'docs/flows/notes.md'))).toBe(true);
    expect(syncFlowDocs(root, files, { check: true })).toEqual({ stale: [], removed: [] });
  });
});

describe('leadingComment', () => {
  it('is the first sentence of the comment a flow file opens with', () => {
    expect(leadingComment("# See one's bookings and cancel one. The fiscal code\n# finds them.\nstart: x\n")).toBe(
      "See one's bookings and cancel one.",
    );
    expect(leadingComment('# A sentence cut\n# across lines.\nstart: x\n')).toBe('A sentence cut across lines.');
    expect(leadingComment('start: x\n')).toBeUndefined();
  });
});
