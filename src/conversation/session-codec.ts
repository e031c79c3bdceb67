// Session ↔ the document the stores keep (to them it is opaque JSON): the compact current format, and migrations of
// older ones on read; no I/O.
import { z } from 'zod';
import { Session, SESSION_VERSION, type Position } from './session.js';

/**
 * Stored format v2: positions as "flow.step" strings and no key (the storage key says it).
 * v1 kept positions as objects and repeated the key, about a third larger: the history alone
 * could pass a kilobyte.
 */
const STORED_SESSION_VERSION = 2;

const Dotted = z.string().regex(/^[^.]+\.[^.]+$/);

const toDotted = (p: Position) => `${p.flow}.${p.step}`;
const fromDotted = (s: string): Position => {
  const [flow, step] = s.split('.') as [string, string];
  return { flow, step };
};

type Doc = Record<string, unknown>;

/** Each entry turns a document of version N into version N + 1. */
export const migrations: Record<number, (doc: Doc) => Doc> = {
  1: (doc) => {
    const pos = (p: unknown) => (p && typeof p === 'object' && 'flow' in p && 'step' in p ? toDotted(p as Position) : p);
    const { key: _key, ...rest } = doc;
    return {
      ...rest,
      v: 2,
      position: doc['position'] === null ? null : pos(doc['position']),
      history: Array.isArray(doc['history']) ? doc['history'].map(pos) : [],
      resume: Array.isArray(doc['resume']) ? doc['resume'].map(pos) : [],
    };
  },
};

const StoredSession = Session.omit({ key: true, v: true, position: true, history: true, resume: true }).extend({
  v: z.literal(STORED_SESSION_VERSION),
  position: Dotted.nullable(),
  history: z.array(Dotted).default([]),
  resume: z.array(Dotted).default([]),
});

export function encodeSession(session: Session): unknown {
  const { key: _key, v: _v, position, history, resume, ...rest } = session;
  return {
    ...rest,
    v: STORED_SESSION_VERSION,
    position: position ? toDotted(position) : null,
    history: history.map(toDotted),
    resume: resume.map(toDotted),
  };
}

/** The session in a stored document, migrated from older versions; undefined when it cannot be read. */
export function decodeSession(raw: unknown, key: string): Session | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  let doc = raw as Doc;
  for (let version = Number(doc['v']); version < STORED_SESSION_VERSION; version = Number(doc['v'])) {
    const migrate = migrations[version];
    if (!migrate) return undefined;
    doc = migrate(doc);
  }
  const parsed = StoredSession.safeParse(doc);
  if (!parsed.success) return undefined;
  const { position, history, resume, v: _v, ...rest } = parsed.data;
  return {
    ...rest,
    v: SESSION_VERSION,
    key,
    position: position ? fromDotted(position) : null,
    history: history.map(fromDotted),
    resume: resume.map(fromDotted),
  };
}
