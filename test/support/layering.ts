// The folder rules of src/ as data, and the checker that reads every import with the TypeScript compiler's own
// pre-processor (static, re-exports and dynamic imports alike) and names each import that breaks a rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** A file under `from` must not import anything under `to` (a folder ending in "/" or one file). */
export interface LayerRule {
  from: string;
  to: string;
  why: string;
}

export const LAYER_RULES: LayerRule[] = [
  {
    from: 'src/state/',
    to: 'src/conversation/',
    why: 'the store keeps what the conversation encodes; the codec and profile live with the conversation',
  },
  { from: 'src/i18n/', to: 'src/conversation/', why: 'texts and language knowledge are data the conversation reads, not the other way round' },
  {
    from: 'src/conversation/',
    to: 'src/handoff/',
    why: 'the conversation declares the staff port (escalation reasons, openings); handoff implements it',
  },
  { from: 'src/conversation/', to: 'src/proactive/', why: 'the weekly cap is data the engine receives; proactive performs effects' },
  { from: 'src/channels/', to: 'src/http/', why: 'a channel mounts routes on the app it is given; metrics come in as an interface' },
  { from: 'src/channels/', to: 'src/config.ts', why: 'a channel gets its own settings; only the root reads the whole config' },
  { from: 'src/handoff/', to: 'src/http/', why: 'the handoff declares the counters it keeps; the root passes the metrics in' },
  { from: 'src/proactive/', to: 'src/http/', why: 'proactive declares the counter it keeps; the root passes the metrics in' },
  { from: 'src/http/', to: 'src/app/', why: 'HTTP serves what the composition root gives it, and does not assemble' },
  { from: 'src/http/', to: 'src/main.ts', why: 'HTTP serves what the composition root gives it, and does not assemble' },
];

export interface SourceFile {
  /** Relative to the project root, with forward slashes: "src/state/codec.ts". */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  import: string;
  rule: LayerRule;
}

/** Every .ts file under `dir` (relative to `root`). */
export function readSources(root: string, dir = 'src'): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(join(root, at), { withFileTypes: true })) {
      const path = posix.join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push({ path, text: readFileSync(join(root, path), 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** The project file a relative specifier names ("../state/store.js" from src/conversation/turn.ts → src/state/store.ts). */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package
  const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
  return joined.replace(/\.js$/, '.ts');
}

const inside = (path: string, target: string) => (target.endsWith('/') ? path.startsWith(target) : path === target);

export function findViolations(files: SourceFile[], rules: LayerRule[] = LAYER_RULES): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(file.text, true, true);
    for (const { fileName } of importedFiles) {
      const target = resolve(file.path, fileName);
      if (!target) continue;
      for (const rule of rules) {
        if (inside(file.path, rule.from) && inside(target, rule.to)) violations.push({ file: file.path, import: fileName, rule });
      }
    }
  }
  return violations;
}

export const describeViolation = (v: Violation) => `${v.file} imports ${v.import} (${v.rule.from} must not import ${v.rule.to}: ${v.rule.why})`;
