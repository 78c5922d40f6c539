import { AiConfig, buildAiConfig } from './ai-config.js';
import { slowestAnswerMs } from './chat-config.js';
import { EnvironmentVariables, uploadDirOf, validateEnvironment } from './environment.js';

/**
 * The typed configuration every service injects. Built once from the environment (plus the values
 * the bootstrap resolves, such as the embedded database URL and a generated JWT secret).
 */
export class AppConfig {
  readonly env: EnvironmentVariables['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  readonly logFormat: 'json' | 'pretty';
  readonly trustProxy: boolean | string[];
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly databaseTimeoutMs: number;
  readonly dataDir: string;
  readonly embeddedDbPort: number;
  readonly redisUrl?: string;
  readonly redisKeyPrefix: string;
  readonly jwt: { secret: string; accessTtlSeconds: number; refreshTtlDays: number };
  readonly bcryptRounds: number;
  readonly corsOrigins: string[];
  readonly bodyLimitBytes: number;
  readonly uploadMaxBytes: number;
  readonly http: { jsonMaxDepth: number; compression: { thresholdBytes: number; brotliQuality: number; gzipLevel: number } };
  readonly uploadDir: string;
  readonly throttle: { ttlSeconds: number; limit: number };
  readonly swaggerEnabled: boolean;
  readonly shutdownGraceMs: number;
  readonly mail: { smtpUrl?: string; from: string };
  /** What the start-up seed needs, the upload folder being where it stores the demo agent's files. */
  readonly seed: { adminEmail: string; adminPassword: string; demoData: boolean; uploadDir: string };
  readonly donorDesk: {
    integrationApiKey?: string;
    maxOpenQueriesPerAdmin: number;
    reminderAfterSeconds: number;
    escalateAfterSeconds: number;
    reminderScanMs: number;
    callRequestTtlSeconds: number;
    callTokenTtlSeconds: number;
    daily: { apiKey?: string; apiUrl: string };
    firebase: { serviceAccount?: string; apiOrigin?: string };
  };
  readonly gigs: { autoApproveDays: number; maxReworkRounds: number; disputeDeadlineDays: number; reviewWindowDays: number; loginGraceMinutes: number };
  readonly ai: AiConfig;
  /** The chat's answers: how long a stored message may wait for its answer before the recovery job gives it. */
  readonly chat: { answerRecoveryMs: number };
  readonly proctoring: {
    assemblyAi: { apiKey?: string; baseUrl: string; pollIntervalMs: number };
    writingAi: { apiKey?: string; baseUrl?: string; model: string };
    faceDistanceThreshold: number;
    faceReviewMargin: number;
    identityMaxAttempts: number;
    maxViolations: number;
    facePersistMs: number;
    heartbeatTimeoutSeconds: number;
    sweepIntervalMs: number;
    minNetworkMbps: number;
  };
  readonly jobs: { backoffMs: number; stalledAfterMs: number };

  constructor(env: EnvironmentVariables, resolved: { databaseUrl: string; jwtSecret: string }) {
    this.env = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.logLevel = env.LOG_LEVEL;
    this.logFormat = env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
    this.trustProxy = env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY.split(',').map((entry) => entry.trim());
    this.databaseUrl = resolved.databaseUrl;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.databaseTimeoutMs = env.DATABASE_TIMEOUT_MS;
    this.dataDir = env.DATA_DIR;
    this.embeddedDbPort = env.EMBEDDED_DB_PORT;
    this.redisUrl = env.REDIS_URL;
    this.redisKeyPrefix = env.REDIS_KEY_PREFIX;
    this.jwt = {
      secret: resolved.jwtSecret,
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlDays: env.JWT_REFRESH_TTL_DAYS,
    };
    this.bcryptRounds = env.BCRYPT_ROUNDS;
    this.corsOrigins = env.CORS_ORIGINS;
    this.bodyLimitBytes = env.BODY_LIMIT_BYTES;
    this.uploadMaxBytes = env.UPLOAD_MAX_BYTES;
    this.http = {
      jsonMaxDepth: env.JSON_MAX_DEPTH,
      compression: { thresholdBytes: env.COMPRESSION_THRESHOLD_BYTES, brotliQuality: env.COMPRESSION_BROTLI_QUALITY, gzipLevel: env.COMPRESSION_GZIP_LEVEL },
    };
    this.uploadDir = uploadDirOf(env);
    this.throttle = { ttlSeconds: env.THROTTLE_TTL_SECONDS, limit: env.THROTTLE_LIMIT };
    this.swaggerEnabled = env.SWAGGER_ENABLED;
    this.shutdownGraceMs =
      env.SHUTDOWN_GRACE_SECONDS !== undefined
        ? env.SHUTDOWN_GRACE_SECONDS * 1000
        : env.SHUTDOWN_TIMEOUT_MS !== undefined
          ? Math.max(1000, env.SHUTDOWN_TIMEOUT_MS)
          : 10_000;
    this.mail = { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM };
    this.seed = { adminEmail: env.SEED_ADMIN_EMAIL, adminPassword: env.SEED_ADMIN_PASSWORD, demoData: env.SEED_DEMO_DATA, uploadDir: this.uploadDir };
    this.donorDesk = {
      integrationApiKey: env.DONOR_INTEGRATION_API_KEY,
      maxOpenQueriesPerAdmin: env.DONOR_MAX_OPEN_QUERIES_PER_ADMIN,
      reminderAfterSeconds: env.DONOR_REMINDER_AFTER_SECONDS,
      escalateAfterSeconds: env.DONOR_ESCALATE_AFTER_SECONDS,
      reminderScanMs: env.DONOR_REMINDER_SCAN_MS,
      callRequestTtlSeconds: env.CALL_REQUEST_TTL_SECONDS,
      callTokenTtlSeconds: env.CALL_TOKEN_TTL_SECONDS,
      daily: { apiKey: env.DAILY_API_KEY, apiUrl: env.DAILY_API_URL.replace(/\/+$/, '') },
      firebase: { serviceAccount: env.FIREBASE_SERVICE_ACCOUNT, apiOrigin: env.FIREBASE_API_ORIGIN },
    };
    this.gigs = {
      autoApproveDays: env.GIGS_AUTO_APPROVE_DAYS,
      maxReworkRounds: env.GIGS_MAX_REWORK_ROUNDS,
      disputeDeadlineDays: env.GIGS_DISPUTE_DEADLINE_DAYS,
      reviewWindowDays: env.GIGS_REVIEW_WINDOW_DAYS,
      loginGraceMinutes: env.GIGS_LOGIN_GRACE_MINUTES,
    };
    this.ai = buildAiConfig(env);
    this.chat = { answerRecoveryMs: env.CHAT_ANSWER_RECOVERY_MS ?? slowestAnswerMs(this.ai) };
    this.proctoring = {
      assemblyAi: { apiKey: env.ASSEMBLYAI_API_KEY, baseUrl: env.ASSEMBLYAI_BASE_URL, pollIntervalMs: env.ASSEMBLYAI_POLL_INTERVAL_MS },
      writingAi: { apiKey: env.PROCTORING_WRITING_AI_API_KEY, baseUrl: env.PROCTORING_WRITING_AI_BASE_URL, model: env.PROCTORING_WRITING_AI_MODEL },
      faceDistanceThreshold: env.PROCTORING_FACE_DISTANCE_THRESHOLD,
      faceReviewMargin: env.PROCTORING_FACE_REVIEW_MARGIN,
      identityMaxAttempts: env.PROCTORING_IDENTITY_MAX_ATTEMPTS,
      maxViolations: env.PROCTORING_MAX_VIOLATIONS,
      facePersistMs: env.PROCTORING_FACE_PERSIST_MS,
      heartbeatTimeoutSeconds: env.PROCTORING_HEARTBEAT_TIMEOUT_SECONDS,
      sweepIntervalMs: env.PROCTORING_SWEEP_INTERVAL_MS,
      minNetworkMbps: env.PROCTORING_MIN_NETWORK_MBPS,
    };
    this.jobs = { backoffMs: env.JOB_BACKOFF_MS, stalledAfterMs: env.JOB_STALLED_AFTER_MS };
  }

  get isProduction(): boolean {
    return this.env === 'production';
  }

  /** Convenience for tests and scripts: validate `raw` and fill in what the bootstrap would resolve. */
  static fromEnv(raw: Record<string, string | undefined>, resolved: { databaseUrl?: string; jwtSecret?: string } = {}): AppConfig {
    const env = validateEnvironment(raw);
    const databaseUrl = resolved.databaseUrl ?? env.DATABASE_URL;
    if (!databaseUrl) throw new Error('AppConfig.fromEnv needs DATABASE_URL or a resolved database URL');
    const jwtSecret = resolved.jwtSecret ?? env.JWT_SECRET;
    if (!jwtSecret) throw new Error('AppConfig.fromEnv needs JWT_SECRET or a resolved secret');
    return new AppConfig(env, { databaseUrl, jwtSecret });
  }
}
