import { AppConfig } from './app-config.js';
import { ConfigError, validateEnvironment } from './environment.js';

describe('validateEnvironment', () => {
  it('fills defaults for an empty environment (the embedded default)', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: undefined, THROTTLE_LIMIT: 300, SWAGGER_ENABLED: true });
    expect(env.CORS_ORIGINS).toContain('http://localhost:5173');
  });

  it('parses numbers, booleans and lists', () => {
    const env = validateEnvironment({ PORT: '8080', SWAGGER_ENABLED: 'false', CORS_ORIGINS: 'https://a.cx, https://b.cx' });
    expect(env).toMatchObject({ PORT: 8080, SWAGGER_ENABLED: false, CORS_ORIGINS: ['https://a.cx', 'https://b.cx'] });
  });

  it('names the first bad variable in one line and hides secrets', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'http://x' })).toThrow(/^Invalid configuration: DATABASE_URL="http:\/\/x": /);
    expect(() => validateEnvironment({ JWT_SECRET: 'short' })).toThrow('Invalid configuration: JWT_SECRET=(hidden)');
    expect(() => validateEnvironment({ PORT: '70000' })).toThrow(ConfigError);
  });

  it('parses and bounds the gig marketplace variables', () => {
    expect(validateEnvironment({ GIGS_AUTO_APPROVE_DAYS: '3', GIGS_MAX_REWORK_ROUNDS: '0' })).toMatchObject({
      GIGS_AUTO_APPROVE_DAYS: 3,
      GIGS_MAX_REWORK_ROUNDS: 0,
    });
    expect(() => validateEnvironment({ GIGS_AUTO_APPROVE_DAYS: 'abc' })).toThrow(/^Invalid configuration: GIGS_AUTO_APPROVE_DAYS="abc": /);
    expect(() => validateEnvironment({ GIGS_MAX_REWORK_ROUNDS: '-1' })).toThrow(/GIGS_MAX_REWORK_ROUNDS/);
    expect(() => validateEnvironment({ GIGS_DISPUTE_DEADLINE_DAYS: '0' })).toThrow(/GIGS_DISPUTE_DEADLINE_DAYS/);
    expect(() => validateEnvironment({ GIGS_REVIEW_WINDOW_DAYS: '2.5' })).toThrow(/GIGS_REVIEW_WINDOW_DAYS/);
    expect(validateEnvironment({}).GIGS_LOGIN_GRACE_MINUTES).toBe(10);
    expect(validateEnvironment({ GIGS_LOGIN_GRACE_MINUTES: '0' }).GIGS_LOGIN_GRACE_MINUTES).toBe(0);
    expect(() => validateEnvironment({ GIGS_LOGIN_GRACE_MINUTES: '121' })).toThrow(/GIGS_LOGIN_GRACE_MINUTES/);
  });

  it('requires a JWT secret in production only', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required');
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) })).not.toThrow();
  });

  it('builds the typed configuration', () => {
    const config = AppConfig.fromEnv({ JWT_ACCESS_TTL_SECONDS: '600' }, { databaseUrl: 'postgresql://db/x', jwtSecret: 's'.repeat(32) });
    expect(config.jwt).toEqual({ secret: 's'.repeat(32), accessTtlSeconds: 600, refreshTtlDays: 30 });
    expect(config.databaseUrl).toBe('postgresql://db/x');
  });
});
