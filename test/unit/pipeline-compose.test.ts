// The composition primitive: stages run in order, a stage that does not call next ends the turn, next twice is refused.
import { describe, expect, it } from 'vitest';
import { compose, type Stage } from '../../src/conversation/pipeline/compose.js';

type Log = string[];
const mark =
  (name: string): Stage<Log> =>
  async (log, next) => {
    log.push(`${name} in`);
    await next();
    log.push(`${name} out`);
  };

describe('compose', () => {
  it('runs the stages in order, each around the ones after it, then the outer next', async () => {
    const log: Log = [];
    await compose(mark('a'), mark('b'))(log, async () => void log.push('end'));
    expect(log).toEqual(['a in', 'b in', 'end', 'b out', 'a out']);
  });

  it('stops at a stage that does not call next', async () => {
    const log: Log = [];
    const stop: Stage<Log> = async (l) => void l.push('stop');
    await compose(mark('a'), stop, mark('never'))(log, async () => void log.push('end'));
    expect(log).toEqual(['a in', 'stop', 'a out']);
  });

  it('refuses a next called twice, naming the stage', async () => {
    const twice: Stage<Log> = async function twice(_l, next) {
      await next();
      await next();
    };
    await expect(compose(twice, mark('b'))([], async () => {})).rejects.toThrow('stage "twice" called next() twice');
  });

  it('is the outer next alone when empty', async () => {
    const log: Log = [];
    await compose<Log>()(log, async () => void log.push('end'));
    expect(log).toEqual(['end']);
  });
});
