// Who answers a resident and whether they are in: the shipped office hours, patron days served by the reference backend.
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROME } from '../../src/calendar/holidays.js';
import type { Availability } from '../../src/conversation/context.js';
import { createStaffAvailability } from '../../src/handoff/availability.js';
import { loadOfficeHours } from '../../src/handoff/office-hours.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { BackendUnavailableError } from '../../src/welfare/errors.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';

const hours = loadOfficeHours();
const rome = (iso: string) => DateTime.fromISO(iso, { zone: ROME });

let backend: TestBackend;
beforeAll(async () => {
  backend = await referenceBackend();
});
afterAll(() => backend.close());
afterEach(() => vi.useRealTimers());

/** The seed municipalities over HTTP, counting how often they are asked for. */
function countedWelfare(): Pick<WelfarePort, 'listMunicipalities'> & { calls: number } {
  const welfare = {
    calls: 0,
    listMunicipalities: () => {
      welfare.calls += 1;
      return backend.client.listMunicipalities();
    },
  };
  return welfare;
}

const availability = (welfare: Pick<WelfarePort, 'listMunicipalities'> = countedWelfare()) =>
  createStaffAvailability({ hours, welfare, log: silentLogger });

/** The next opening as an ISO string, so a failure shows the date-time. */
const shown = (a: Availability) => (a.open ? { ...a } : { ...a, nextOpening: a.nextOpening?.toISO() });

describe('staff availability, weekly hours', () => {
  it('is open on a Tuesday at 10:00 in Rome for the social services, usually within 15 minutes', async () => {
    const result = await availability().check({}, rome('2026-04-14T10:00'));
    expect(result).toEqual({ team: 'servizi-sociali', open: true, usualWaitMinutes: 15 });
  });

  it('is closed on a Tuesday at 14:00, opening again at 15:00 the same day', async () => {
    const result = await availability().check({}, rome('2026-04-14T14:00'));
    expect(shown(result)).toEqual({ team: 'servizi-sociali', open: false, nextOpening: '2026-04-14T15:00:00.000+02:00' });
  });

  it('judges the hour on Rome’s wall clock, whatever the zone of the instant', async () => {
    const result = await availability().check({}, DateTime.fromISO('2026-04-14T12:30:00Z', { zone: 'utc' })); // 14:30 in Rome
    expect(result.open).toBe(false);
  });

  it('routes a category to the team that delivers it: supporto-scolastico to cooperativa-jonathan', async () => {
    // Wednesday 16:00: the social services are closed, the cooperative is in.
    const at = rome('2026-04-15T16:00');
    expect(await availability().check({ category: 'supporto-scolastico' }, at)).toEqual({
      team: 'cooperativa-jonathan',
      open: true,
      usualWaitMinutes: 15,
    });
    expect((await availability().check({ category: 'anziani' }, at)).team).toBe('servizi-sociali');
  });

  it('lets the category win over the municipality', async () => {
    const result = await availability().check({ category: 'supporto-scolastico', municipality: 'campo-san-martino' }, rome('2026-04-14T10:00'));
    expect(result.team).toBe('cooperativa-jonathan');
  });

  it('is closed on Easter Monday 2027, opening again on Tuesday at 9:00', async () => {
    const result = await availability().check({}, rome('2027-03-29T10:00'));
    expect(shown(result)).toEqual({ team: 'servizi-sociali', open: false, nextOpening: '2027-03-30T09:00:00.000+02:00' });
    const coop = await availability().check({ category: 'supporto-scolastico' }, rome('2027-03-29T10:00'));
    expect(coop.open).toBe(false);
  });
});

describe('staff availability, patron days from the welfare backend', () => {
  it('serves Campo San Martino’s patron day as 11 November (San Martino)', async () => {
    const municipalities = await backend.client.listMunicipalities();
    expect(municipalities.find((m) => m.id === 'campo-san-martino')?.patronDay.date).toBe('11-11');
  });

  it('closes the Campo San Martino desk on its patron day, a Wednesday, and opens again on Friday at 9:00 (Mon/Wed/Fri desk)', async () => {
    const result = await availability().check({ municipality: 'campo-san-martino' }, rome('2026-11-11T10:00'));
    expect(shown(result)).toEqual({ team: 'sportello-campo-san-martino', open: false, nextOpening: '2026-11-13T09:00:00.000+01:00' });
  });

  it('keeps the desk open on the Wednesday before and after its patron day, with its own usual wait', async () => {
    const staff = availability();
    expect(await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-04T10:00'))).toEqual({
      team: 'sportello-campo-san-martino',
      open: true,
      usualWaitMinutes: 30,
    });
    expect(await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-18T10:00'))).toMatchObject({ open: true });
  });

  it('does not close the other teams on Campo San Martino’s patron day', async () => {
    const staff = availability();
    expect(await staff.check({}, rome('2026-11-11T10:00'))).toMatchObject({ team: 'servizi-sociali', open: true });
    expect(await staff.check({ municipality: 'limena' }, rome('2026-11-11T10:00'))).toMatchObject({ team: 'servizi-sociali', open: true });
  });

  it('asks the backend for the patron days once, then answers from its cache', async () => {
    const welfare = countedWelfare();
    const staff = availability(welfare);
    await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-11T10:00'));
    const again = await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-11T10:00'));
    await staff.check({}, rome('2026-04-14T10:00'));
    expect(welfare.calls).toBe(1);
    // Still the patron day's answer, from the cache.
    expect(again.open).toBe(false);
  });

  it('asks again once the cached patron days are six hours old', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-04-14T08:00:00Z') });
    const welfare = countedWelfare();
    const staff = availability(welfare);
    await staff.check({}, rome('2026-04-14T10:00'));
    vi.setSystemTime(new Date('2026-04-14T13:59:00Z'));
    await staff.check({}, rome('2026-04-14T10:00'));
    expect(welfare.calls).toBe(1);
    vi.setSystemTime(new Date('2026-04-14T14:01:00Z'));
    await staff.check({}, rome('2026-04-14T10:00'));
    expect(welfare.calls).toBe(2);
  });
});

describe('teamOpen: whether a team named by a ticket is in', () => {
  it('follows the team’s weekly hours', async () => {
    const staff = availability();
    expect(await staff.teamOpen('servizi-sociali', rome('2026-04-14T10:00'))).toBe(true);
    expect(await staff.teamOpen('servizi-sociali', rome('2026-04-14T14:00'))).toBe(false);
    expect(await staff.teamOpen('cooperativa-jonathan', rome('2026-04-14T14:00'))).toBe(true);
  });

  it('closes a municipality’s desk on its patron day and on public holidays', async () => {
    const staff = availability();
    expect(await staff.teamOpen('sportello-campo-san-martino', rome('2026-11-11T10:00'))).toBe(false);
    expect(await staff.teamOpen('sportello-campo-san-martino', rome('2026-11-13T10:00'))).toBe(true);
    expect(await staff.teamOpen('cooperativa-jonathan', rome('2027-03-29T10:00'))).toBe(false);
  });

  it('says an unknown team is not in, without asking the backend', async () => {
    const welfare = countedWelfare();
    expect(await availability(welfare).teamOpen('ufficio-che-non-esiste', rome('2026-04-14T10:00'))).toBe(false);
    expect(welfare.calls).toBe(0);
  });

  it('shares the patron days cache with check', async () => {
    const welfare = countedWelfare();
    const staff = availability(welfare);
    await staff.check({}, rome('2026-04-14T10:00'));
    await staff.teamOpen('sportello-campo-san-martino', rome('2026-11-11T10:00'));
    expect(welfare.calls).toBe(1);
  });
});

describe('staff availability when the backend cannot give the patron days', () => {
  const failing = () => {
    const welfare = {
      calls: 0,
      listMunicipalities: async () => {
        welfare.calls += 1;
        throw new BackendUnavailableError({ endpoint: 'GET /v1/municipalities', reason: 'timeout' });
      },
    };
    return welfare;
  };

  it('still answers from the weekly hours, and does not throw', async () => {
    const staff = availability(failing());
    await expect(staff.check({}, rome('2026-04-14T10:00'))).resolves.toEqual({ team: 'servizi-sociali', open: true, usualWaitMinutes: 15 });
    const closed = await staff.check({}, rome('2026-04-14T14:00'));
    expect(shown(closed)).toEqual({ team: 'servizi-sociali', open: false, nextOpening: '2026-04-14T15:00:00.000+02:00' });
  });

  it('keeps the municipality’s team but lets its weekly hours decide, so the desk is not turned into a refusal', async () => {
    const staff = availability(failing());
    // Without patron days the Campo San Martino desk answers on 11 November: a person is better than a wrong "closed".
    await expect(staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-11T10:00'))).resolves.toMatchObject({
      team: 'sportello-campo-san-martino',
      open: true,
    });
    const thursday = await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-12T10:00'));
    expect(shown(thursday)).toEqual({ team: 'sportello-campo-san-martino', open: false, nextOpening: '2026-11-13T09:00:00.000+01:00' });
  });

  it('answers teamOpen from the weekly hours too', async () => {
    const staff = availability(failing());
    await expect(staff.teamOpen('sportello-campo-san-martino', rome('2026-11-11T10:00'))).resolves.toBe(true);
    await expect(staff.teamOpen('sportello-campo-san-martino', rome('2026-11-12T10:00'))).resolves.toBe(false);
  });

  it('still closes on public holidays: Easter Monday 2027', async () => {
    const result = await availability(failing()).check({ municipality: 'campo-san-martino' }, rome('2027-03-29T10:00'));
    expect(shown(result)).toEqual({ team: 'sportello-campo-san-martino', open: false, nextOpening: '2027-03-31T09:00:00.000+02:00' });
  });

  it('logs a coded warning', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'warn', destination });
    const staff = createStaffAvailability({ hours, welfare: failing(), log });
    await staff.check({}, rome('2026-04-14T10:00'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, code: 'backend_unavailable', msg: expect.stringMatching(/patron days unavailable/) });
  });

  it('uses the patron days it had when a later refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-11T08:00:00Z') });
    let up = true;
    const welfare = {
      calls: 0,
      listMunicipalities: () => {
        welfare.calls += 1;
        return up
          ? backend.client.listMunicipalities()
          : Promise.reject(new BackendUnavailableError({ endpoint: 'GET /v1/municipalities', reason: 'timeout' }));
      },
    };
    const staff = availability(welfare);
    expect((await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-11T10:00'))).open).toBe(false);
    up = false;
    vi.setSystemTime(new Date('2026-11-11T15:00:00Z'));
    expect((await staff.check({ municipality: 'campo-san-martino' }, rome('2026-11-11T10:00'))).open).toBe(false);
    expect(welfare.calls).toBe(2);
  });
});
