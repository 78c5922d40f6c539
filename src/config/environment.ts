import path from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Max, Min, Matches, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : String(value)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
const toFloat = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

const DB_URL = { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true };

/**
 * Every environment variable the server reads, validated once at start-up. `.env.example` documents
 * each one; nothing outside `src/config` reads `process.env`.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  @IsOptional()
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  @IsOptional()
  PORT = 3000;

  @IsString()
  @IsOptional()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  @IsOptional()
  LOG_LEVEL = 'info';

  /** `pretty` (coloured, one line per entry) or `json` (one object per line); unset: pretty on a terminal, JSON otherwise. */
  @Transform(emptyToUndefined)
  @IsIn(['json', 'pretty'])
  @IsOptional()
  LOG_FORMAT?: 'json' | 'pretty';

  /**
   * Which proxies may set X-Forwarded-For (the client IP used by rate limits and logs): `false`
   * (none: the socket address counts), `true` (any: only behind a proxy that overwrites the header),
   * or a comma-separated list of proxy addresses/CIDRs.
   */
  @Matches(/^(true|false|[\d.:a-fA-F/]+(,\s*[\d.:a-fA-F/]+)*)$/, { message: 'TRUST_PROXY must be true, false or a list of proxy addresses' })
  @IsOptional()
  TRUST_PROXY = 'false';

  @Transform(emptyToUndefined)
  @IsUrl(DB_URL)
  @IsOptional()
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  @IsOptional()
  DATABASE_POOL_SIZE = 10;

  /** Longest wait for a pooled connection and, separately, for one query's answer; past it the request gets 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  @IsOptional()
  DATABASE_TIMEOUT_MS = 3_000;

  @IsString()
  @IsOptional()
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  @IsOptional()
  EMBEDDED_DB_PORT = 54329;

  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  @IsOptional()
  REDIS_URL?: string;

  /** Prefix of every Redis key and channel, so that several deployments can share one Redis. */
  @IsString()
  @IsOptional()
  REDIS_KEY_PREFIX = 'cx:';

  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32)
  @IsOptional()
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(86_400)
  @IsOptional()
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  @IsOptional()
  JWT_REFRESH_TTL_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  @IsOptional()
  BCRYPT_ROUNDS = 10;

  @Transform(toList)
  @IsString({ each: true })
  @IsOptional()
  CORS_ORIGINS: string[] = ['http://localhost:3000', 'http://localhost:5173'];

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @IsOptional()
  BODY_LIMIT_BYTES = 1_048_576;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @IsOptional()
  UPLOAD_MAX_BYTES = 5_242_880;

  /** Deepest nesting of arrays and objects a JSON body may have; deeper bodies are refused before parsing. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(10_000)
  @IsOptional()
  JSON_MAX_DEPTH = 64;

  /** Responses smaller than this are sent uncompressed (compressing them costs more than it saves). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @IsOptional()
  COMPRESSION_THRESHOLD_BYTES = 1024;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(11)
  @IsOptional()
  COMPRESSION_BROTLI_QUALITY = 4;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(9)
  @IsOptional()
  COMPRESSION_GZIP_LEVEL = 3;

  /** Defaults to `<DATA_DIR>/uploads`, so one data folder holds everything a start writes. */
  @IsString()
  @IsOptional()
  UPLOAD_DIR?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @IsOptional()
  THROTTLE_TTL_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @IsOptional()
  THROTTLE_LIMIT = 300;

  @Transform(toBool)
  @IsBoolean()
  @IsOptional()
  SWAGGER_ENABLED = true;

  /** How long a SIGTERM/SIGINT drain may take before the process exits anyway (default 10). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600)
  @IsOptional()
  SHUTDOWN_GRACE_SECONDS?: number;

  /** Older name of the shutdown bound, in milliseconds; read only when SHUTDOWN_GRACE_SECONDS is unset. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @IsOptional()
  SHUTDOWN_TIMEOUT_MS?: number;

  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  @IsOptional()
  SMTP_URL?: string;

  @IsString()
  @IsOptional()
  MAIL_FROM = 'CX Platform <no-reply@cx.local>';

  @Transform(emptyToUndefined)
  @IsEmail({ require_tld: false })
  @IsOptional()
  SEED_ADMIN_EMAIL = 'admin@cx.local';

  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(10)
  @IsOptional()
  SEED_ADMIN_PASSWORD = 'Admin#Passw0rd!';

  @Transform(toBool)
  @IsBoolean()
  @IsOptional()
  SEED_DEMO_DATA = true;

  // Donor desk, calls and notifications
  /** Key an external system sends in `x-api-key` to create donor queries; unset: no integration access. */
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  @IsOptional()
  DONOR_INTEGRATION_API_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  @IsOptional()
  DONOR_MAX_OPEN_QUERIES_PER_ADMIN = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @IsOptional()
  DONOR_REMINDER_AFTER_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @IsOptional()
  DONOR_ESCALATE_AFTER_SECONDS = 1800;

  /** How often the reminder job scans waiting queries; 0 turns the job off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @IsOptional()
  DONOR_REMINDER_SCAN_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(5)
  @IsOptional()
  CALL_REQUEST_TTL_SECONDS = 120;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  @IsOptional()
  CALL_TOKEN_TTL_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  DAILY_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  @IsOptional()
  DAILY_API_URL = 'https://api.daily.co/v1';

  /** A Firebase service account: the JSON itself, or a path to the JSON file. Unset: no push. */
  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  FIREBASE_SERVICE_ACCOUNT?: string;

  /** Sends every Firebase HTTP call (OAuth token and FCM) to this origin instead: an egress gateway or a local stand-in. */
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @IsOptional()
  FIREBASE_API_ORIGIN?: string;
  // Gig marketplace (agents, clients, gigs)
  /** Days unreviewed work waits before it is approved automatically. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  @IsOptional()
  GIGS_AUTO_APPROVE_DAYS = 7;

  /** Rework rounds a client may ask for on one submission (0: approve or reject only). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(20)
  @IsOptional()
  GIGS_MAX_REWORK_ROUNDS = 2;

  /** Days an open dispute waits before it escalates to the SUPER_ADMINs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  @IsOptional()
  GIGS_DISPUTE_DEADLINE_DAYS = 5;

  /** Days a one-sided review stays hidden before it is published anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  @IsOptional()
  GIGS_REVIEW_WINDOW_DAYS = 14;

  /**
   * Minutes before a picked slot starts from which the agent may LOGIN; a session still open this
   * long after the slot ended is logged out by the sweep. Worked time counts inside the slot only.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120)
  @IsOptional()
  GIGS_LOGIN_GRACE_MINUTES = 10;

  // AI support chat (chatbot): provider, limits, knowledge-base bar, prices
  @IsIn(['local', 'openai', 'groq', 'gemini'])
  @IsOptional()
  AI_PROVIDER: 'local' | 'openai' | 'groq' | 'gemini' = 'local';

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  AI_MODEL?: string;

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  OPENAI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  @IsOptional()
  OPENAI_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  GROQ_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  @IsOptional()
  GROQ_BASE_URL = 'https://api.groq.com/openai/v1';

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  GEMINI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  @IsOptional()
  GEMINI_BASE_URL?: string;

  @IsIn(['auto', 'openai', 'local'])
  @IsOptional()
  AI_MODERATION: 'auto' | 'openai' | 'local' = 'auto';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  @IsOptional()
  AI_TIMEOUT_MS = 20_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  @IsOptional()
  AI_MAX_RETRIES = 2;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  @IsOptional()
  AI_RETRY_BASE_MS = 250;

  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(0)
  @Max(1)
  @IsOptional()
  AI_FAQ_CONFIDENCE = 0.8;

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  AI_PRICE_TABLE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(2000)
  @IsOptional()
  AI_CUSTOM_INSTRUCTIONS_MAX = 500;

  /** A stored chat message still unanswered this long (ms) is answered by the recovery job; unset: derived from the AI settings. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  @IsOptional()
  CHAT_ANSWER_RECOVERY_MS?: number;
  // Proctoring (language assessment)
  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  ASSEMBLYAI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  @IsOptional()
  ASSEMBLYAI_BASE_URL = 'https://api.assemblyai.com';

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  @IsOptional()
  ASSEMBLYAI_POLL_INTERVAL_MS = 3_000;

  @Transform(emptyToUndefined)
  @IsString()
  @IsOptional()
  PROCTORING_WRITING_AI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true })
  @IsOptional()
  PROCTORING_WRITING_AI_BASE_URL?: string;

  @IsString()
  @IsOptional()
  PROCTORING_WRITING_AI_MODEL = 'gpt-4o-mini';

  @Transform(toFloat)
  @IsNumber()
  @Min(0.1)
  @Max(2)
  @IsOptional()
  PROCTORING_FACE_DISTANCE_THRESHOLD = 0.6;

  @Transform(toFloat)
  @IsNumber()
  @Min(0)
  @Max(1)
  @IsOptional()
  PROCTORING_FACE_REVIEW_MARGIN = 0.1;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  @IsOptional()
  PROCTORING_IDENTITY_MAX_ATTEMPTS = 3;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  @IsOptional()
  PROCTORING_MAX_VIOLATIONS = 3;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  @IsOptional()
  PROCTORING_FACE_PERSIST_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600)
  @IsOptional()
  PROCTORING_HEARTBEAT_TIMEOUT_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  @IsOptional()
  PROCTORING_SWEEP_INTERVAL_MS = 30_000;

  @Transform(toFloat)
  @IsNumber()
  @Min(0)
  @IsOptional()
  PROCTORING_MIN_NETWORK_MBPS = 1;

  // Background jobs
  /** Delay before a failed job's first retry; each further retry waits twice as long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @IsOptional()
  JOB_BACKOFF_MS = 1000;

  /** With Redis: a job whose instance stopped renewing its lock this long (a crash) runs on another instance. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @IsOptional()
  JOB_STALLED_AFTER_MS = 30_000;
}

export class ConfigError extends Error {}

/** Validates raw environment values; the first problem becomes one line that names the variable. */
/** Where uploads go: `UPLOAD_DIR`, or the `uploads` folder of `DATA_DIR`. */
export function uploadDirOf(env: Pick<EnvironmentVariables, 'UPLOAD_DIR' | 'DATA_DIR'>): string {
  return env.UPLOAD_DIR ?? path.join(env.DATA_DIR, 'uploads');
}

export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const [first] = errors;
    const reason = Object.values(first.constraints ?? {}).join('; ') || 'is invalid';
    const shown = /SECRET|PASSWORD|KEY/.test(first.property) ? '(hidden)' : JSON.stringify(raw[first.property]);
    throw new ConfigError(`Invalid configuration: ${first.property}=${shown}: ${reason}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  return env;
}
