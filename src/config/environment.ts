import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

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
  @IsIn(['development', 'production', 'test']) @IsOptional()
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535) @IsOptional()
  PORT = 3000;

  @IsString() @IsOptional()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) @IsOptional()
  LOG_LEVEL = 'info';

  @Transform(emptyToUndefined) @IsUrl(DB_URL) @IsOptional()
  DATABASE_URL?: string;

  @Transform(toInt) @IsInt() @Min(1) @Max(200) @IsOptional()
  DATABASE_POOL_SIZE = 10;

  @IsString() @IsOptional()
  DATA_DIR = '.data';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535) @IsOptional()
  EMBEDDED_DB_PORT = 54329;

  @Transform(emptyToUndefined) @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true }) @IsOptional()
  REDIS_URL?: string;

  @Transform(emptyToUndefined) @IsString() @MinLength(32) @IsOptional()
  JWT_SECRET?: string;

  @Transform(toInt) @IsInt() @Min(60) @Max(86_400) @IsOptional()
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt) @IsInt() @Min(1) @Max(365) @IsOptional()
  JWT_REFRESH_TTL_DAYS = 30;

  @Transform(toInt) @IsInt() @Min(4) @Max(15) @IsOptional()
  BCRYPT_ROUNDS = 10;

  @Transform(toList) @IsString({ each: true }) @IsOptional()
  CORS_ORIGINS: string[] = ['http://localhost:3000', 'http://localhost:5173'];

  @Transform(toInt) @IsInt() @Min(1024) @IsOptional()
  BODY_LIMIT_BYTES = 1_048_576;

  @Transform(toInt) @IsInt() @Min(1024) @IsOptional()
  UPLOAD_MAX_BYTES = 5_242_880;

  @IsString() @IsOptional()
  UPLOAD_DIR = '.data/uploads';

  @Transform(toInt) @IsInt() @Min(1) @IsOptional()
  THROTTLE_TTL_SECONDS = 60;

  @Transform(toInt) @IsInt() @Min(1) @IsOptional()
  THROTTLE_LIMIT = 300;

  @Transform(toBool) @IsBoolean() @IsOptional()
  SWAGGER_ENABLED = true;

  @Transform(toInt) @IsInt() @Min(0) @IsOptional()
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @Transform(emptyToUndefined) @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true }) @IsOptional()
  SMTP_URL?: string;

  @IsString() @IsOptional()
  MAIL_FROM = 'CX Platform <no-reply@cx.local>';

  @Transform(emptyToUndefined) @IsEmail({ require_tld: false }) @IsOptional()
  SEED_ADMIN_EMAIL = 'admin@cx.local';

  @Transform(emptyToUndefined) @IsString() @MinLength(10) @IsOptional()
  SEED_ADMIN_PASSWORD = 'Admin#Passw0rd!';

  @Transform(toBool) @IsBoolean() @IsOptional()
  SEED_DEMO_DATA = true;

  // Proctoring (language assessment)
  @Transform(emptyToUndefined) @IsString() @IsOptional()
  ASSEMBLYAI_API_KEY?: string;

  @Transform(emptyToUndefined) @IsUrl({ require_tld: false, require_protocol: true }) @IsOptional()
  ASSEMBLYAI_BASE_URL = 'https://api.assemblyai.com';

  @Transform(toInt) @IsInt() @Min(10) @Max(60_000) @IsOptional()
  ASSEMBLYAI_POLL_INTERVAL_MS = 3_000;

  @Transform(emptyToUndefined) @IsString() @IsOptional()
  PROCTORING_WRITING_AI_API_KEY?: string;

  @Transform(emptyToUndefined) @IsUrl({ require_tld: false, require_protocol: true }) @IsOptional()
  PROCTORING_WRITING_AI_BASE_URL?: string;

  @IsString() @IsOptional()
  PROCTORING_WRITING_AI_MODEL = 'gpt-4o-mini';

  @Transform(toFloat) @IsNumber() @Min(0.1) @Max(2) @IsOptional()
  PROCTORING_FACE_DISTANCE_THRESHOLD = 0.6;

  @Transform(toFloat) @IsNumber() @Min(0) @Max(1) @IsOptional()
  PROCTORING_FACE_REVIEW_MARGIN = 0.1;

  @Transform(toInt) @IsInt() @Min(1) @Max(20) @IsOptional()
  PROCTORING_IDENTITY_MAX_ATTEMPTS = 3;

  @Transform(toInt) @IsInt() @Min(0) @Max(100) @IsOptional()
  PROCTORING_MAX_VIOLATIONS = 3;

  @Transform(toInt) @IsInt() @Min(0) @Max(600_000) @IsOptional()
  PROCTORING_FACE_PERSIST_MS = 5_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(3_600) @IsOptional()
  PROCTORING_HEARTBEAT_TIMEOUT_SECONDS = 30;

  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) @IsOptional()
  PROCTORING_SWEEP_INTERVAL_MS = 30_000;

  @Transform(toFloat) @IsNumber() @Min(0) @IsOptional()
  PROCTORING_MIN_NETWORK_MBPS = 1;
}

export class ConfigError extends Error {}

/** Validates raw environment values; the first problem becomes one line that names the variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const [first] = errors;
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = /SECRET|PASSWORD|KEY/.test(first.property) ? '(hidden)' : JSON.stringify(raw[first.property]);
    throw new ConfigError(`Invalid configuration: ${first.property}=${shown}: ${reason}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  return env;
}
