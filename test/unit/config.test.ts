// Environment → Config: defaults, empty values, the --locale flag, and every problem named at once.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the embedded defaults', () => {
    expect(loadConfig({})).toEqual({
      welfareTimeoutMs: 3000,
      sessionTtlMs: 24 * 3600 * 1000,
      profileTtlMs: 180 * 24 * 3600 * 1000,
      dedupeTtlMs: 24 * 3600 * 1000,
      redisKeyPrefix: 'sportello:',
      turnLeaseMs: 5000,
      port: 3000,
      reannounceMs: 10 * 60 * 1000,
    });
  });

  it('treats empty variables as unset and reads the values given', () => {
    const config = loadConfig({ WELFARE_BACKEND_URL: 'http://127.0.0.1:8081', SPORTELLO_LOCALE: '', SESSION_TTL_HOURS: '2', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ welfareBackendUrl: 'http://127.0.0.1:8081', sessionTtlMs: 2 * 3600 * 1000, logLevel: 'debug' });
    expect(config.locale).toBeUndefined();
  });

  it('takes --locale from the command line over the environment', () => {
    expect(loadConfig({ SPORTELLO_LOCALE: 'it' }, ['--locale', 'en']).locale).toBe('en');
    expect(loadConfig({}, ['--locale=en']).locale).toBe('en');
  });

  it('reports every wrong variable by name', () => {
    const load = () => loadConfig({ WELFARE_BACKEND_URL: 'nope', WELFARE_TIMEOUT_MS: 'soon', SPORTELLO_LOCALE: 'de' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/WELFARE_BACKEND_URL[\s\S]*WELFARE_TIMEOUT_MS[\s\S]*SPORTELLO_LOCALE|SPORTELLO_LOCALE[\s\S]*WELFARE_BACKEND_URL[\s\S]*WELFARE_TIMEOUT_MS/);
  });
});
