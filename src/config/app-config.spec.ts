import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/vigil');
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe(loadConfig.name, () => {
  it('defaults to the embedded database under ./data and port 3000 on loopback', () => {
    const sut = loadConfig({}, '/srv/vigil');
    expect(sut.port).toBe(3000);
    expect(sut.host).toBe('127.0.0.1');
    expect(sut.database).toEqual({
      kind: 'embedded',
      dir: '/srv/vigil/data/postgres',
      legacyDir: '/srv/vigil/data/pgdata',
    });
    expect(sut.rulesDir).toBe('/srv/vigil/rules');
    expect(sut.uploads.maxBytes).toBe(50 * 1024 * 1024);
    expect(sut.uploads.maxRows).toBe(1_000_000);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const sut = loadConfig({ DATABASE_URL: 'postgres://vigil:s3cret@db:5432/vigil' }, '/srv');
    expect(sut.database).toEqual({ kind: 'postgres', url: 'postgres://vigil:s3cret@db:5432/vigil' });
  });

  it('takes DATA_DIR relative to the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'var/vigil' }, '/srv').database).toEqual({
      kind: 'embedded',
      dir: '/srv/var/vigil/postgres',
      legacyDir: '/srv/var/vigil/pgdata',
    });
    expect(loadConfig({ DATA_DIR: 'var/vigil', EMBEDDED_DB_DIR: '/mnt/db' }, '/srv').database).toMatchObject({
      dir: '/mnt/db',
    });
  });

  it.each(['abc', '70000', '-1', '80.5'])('rejects PORT=%p naming the variable', (port) => {
    expect(problemsOf({ PORT: port })).toEqual([
      `PORT must be a whole number from 0 to 65535 (got "${port}")`,
    ]);
  });

  it('rejects a DATABASE_URL of another scheme without printing the password', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/vigil' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('DATABASE_URL');
    expect(problems.join()).not.toContain('hunter2');
  });

  it('rejects an unparseable DATABASE_URL without echoing it', () => {
    const problems = problemsOf({ DATABASE_URL: 'not a url with pa55word' });
    expect(problems[0]).toMatch(/^DATABASE_URL is not a valid URL/);
    expect(problems.join()).not.toContain('pa55word');
  });

  it('gives a lost background job a minute before another instance resumes it, unless told otherwise', () => {
    expect(loadConfig({}, '/srv').jobs.timeoutSeconds).toBe(60);
    expect(loadConfig({ JOB_TIMEOUT_SECONDS: '300' }, '/srv').jobs.timeoutSeconds).toBe(300);
    expect(problemsOf({ JOB_TIMEOUT_SECONDS: '1' })).toEqual([
      'JOB_TIMEOUT_SECONDS must be a whole number from 4 to 86400 (got "1")',
    ]);
  });

  it('reads the client address from a proxy on loopback only, unless TRUST_PROXY says otherwise', () => {
    const trust = (value?: string) =>
      loadConfig(value === undefined ? {} : { TRUST_PROXY: value }, '/srv').trustProxy;

    expect(trust()).toBe('loopback');
    expect(trust('false')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.4 ,uniquelocal,fd00::/8')).toBe(
      '10.0.0.0/8,192.168.1.4,uniquelocal,fd00::/8',
    );
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '10.0.0.1/8/1', 'fd00::/129']) {
      expect(problemsOf({ TRUST_PROXY: bad })).toEqual([expect.stringMatching(/^TRUST_PROXY must be false/)]);
    }
  });

  it('budgets every upload, each budget its own setting', () => {
    const uploads = loadConfig({ IMPORT_MAX_CELLS: '2000000', IMPORT_MAX_MINUTES: '5' }, '/srv').uploads;

    expect(uploads).toMatchObject({ maxCells: 2_000_000, maxSeconds: 300, maxSharedStrings: 10_000_000 });
    expect(uploads.maxPartBytes).toBe(512 * 1024 * 1024);
    expect(problemsOf({ IMPORT_MAX_MINUTES: '0' })).toEqual([
      'IMPORT_MAX_MINUTES must be a whole number from 1 to 1440 (got "0")',
    ]);
  });

  it('takes the owner for migrations from DATABASE_MIGRATION_URL, only beside DATABASE_URL', () => {
    const database = loadConfig(
      { DATABASE_URL: 'postgres://app:pw@db/vigil', DATABASE_MIGRATION_URL: 'postgres://owner:pw@db/vigil' },
      '/srv',
    ).database;

    expect(database).toEqual({
      kind: 'postgres',
      url: 'postgres://app:pw@db/vigil',
      migrationUrl: 'postgres://owner:pw@db/vigil',
    });
    expect(problemsOf({ DATABASE_MIGRATION_URL: 'postgres://owner:pw@db/vigil' })).toEqual([
      'DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database sets up its own roles)',
    ]);
    expect(
      problemsOf({ DATABASE_URL: 'postgres://a@db/v', DATABASE_MIGRATION_URL: 'mysql://o:secret@db/v' }),
    ).toEqual(['DATABASE_MIGRATION_URL must start with postgres:// or postgresql:// (got mysql://...)']);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', UPLOAD_MAX_MB: '0' })).toHaveLength(3);
  });
});
