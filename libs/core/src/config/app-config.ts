import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
  ValidationError,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const DB_TYPES = ['sqlite', 'mssql'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

export type NodeEnv = (typeof NODE_ENVS)[number];
export type DbType = (typeof DB_TYPES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value; // left as a string so @IsBoolean reports it
};

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : value;

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : value;

/**
 * Every setting of the process, read from the environment and validated once at boot.
 * Defaults give the zero-setup local run (SQLite file, no Redis, no SMTP).
 * `.env.example` documents each variable; keep the two in step.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** json in production, pretty elsewhere, unless set. */
  @IsOptional()
  @IsIn(LOG_FORMATS)
  LOG_FORMAT?: (typeof LOG_FORMATS)[number];

  /** Exact origins allowed by CORS, comma separated. Empty: no cross-origin access. */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^(https?:\/\/[^\s/,*]+|\*)$/, {
    each: true,
    message: 'must list exact origins like https://app.example.com, comma separated',
  })
  CORS_ORIGINS: string[] = [];

  /** Largest accepted request body in bytes (413 above). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Trust X-Forwarded-* from a proxy in front (client IP for logs and rate limits). */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  /** How long SIGTERM waits for in-flight requests before the process exits anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Key that signs pagination cursors so a forged cursor is refused. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  CURSOR_SECRET = 'quorum-development-cursor-secret-change-me';

  // ---- database ----
  @IsIn(DB_TYPES, { message: `must be one of: ${DB_TYPES.join(', ')}` })
  DB_TYPE: DbType = 'sqlite';

  @IsString()
  DB_SQLITE_PATH = 'data/quorum.sqlite';

  @ValidateIf((c: AppConfig) => c.DB_TYPE === 'mssql')
  @IsString({ message: 'is required when DB_TYPE=mssql' })
  @MinLength(1, { message: 'is required when DB_TYPE=mssql' })
  DB_HOST?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 1433;

  @ValidateIf((c: AppConfig) => c.DB_TYPE === 'mssql')
  @IsString({ message: 'is required when DB_TYPE=mssql' })
  @MinLength(1, { message: 'is required when DB_TYPE=mssql' })
  DB_USER?: string;

  @ValidateIf((c: AppConfig) => c.DB_TYPE === 'mssql')
  @IsString({ message: 'is required when DB_TYPE=mssql' })
  DB_PASSWORD?: string;

  @IsString()
  DB_NAME = 'quorum';

  /** SQL Server schema per environment (dev/qa/prod); ignored by SQLite. */
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, { message: 'must be a plain SQL identifier' })
  DB_SCHEMA = 'dbo';

  @Transform(toBool)
  @IsBoolean()
  DB_ENCRYPT = true;

  @Transform(toBool)
  @IsBoolean()
  DB_TRUST_SERVER_CERTIFICATE = true;

  /** Connections kept open (the standard's pool_size). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_POOL_MIN = 10;

  /** Kept + overflow (the standard's pool_size + max_overflow = 10 + 20). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DB_POOL_MAX = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  DB_POOL_ACQUIRE_TIMEOUT_MS = 30_000;

  /** Idle connections above the minimum are closed after this long (recycling). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  DB_POOL_IDLE_TIMEOUT_MS = 300_000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  DB_CONNECT_TIMEOUT_MS = 15_000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  DB_REQUEST_TIMEOUT_MS = 30_000;

  /** Attempts to reach the database at boot (kept low so a bad setting fails fast). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DB_CONNECT_ATTEMPTS = 2;

  @Transform(toBool)
  @IsBoolean()
  DB_LOGGING = false;

  /** Apply pending migrations when the API boots. */
  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  /** Run the JSON seeds (idempotent) when the API boots. */
  @Transform(toBool)
  @IsBoolean()
  DB_SEED_ON_START = true;

  // ---- redis ----
  /** redis://host:port/db. Empty: in-process fallbacks (see docs/architecture.md). */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * Prefix of every Redis key and channel this deployment uses (cache, rate limits, queues), so
   * several deployments (or test runs) can share one Redis without touching each other's keys.
   */
  @Matches(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'must be 1-40 letters, digits, _ . or -' })
  REDIS_KEY_PREFIX = 'quorum';

  // ---- cache (standard §7) ----
  /** Seconds a workflow stays cached (reference data); 0 turns caching of workflows off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CACHE_TTL_WORKFLOW_S = 300;

  /** Seconds a tag stays cached; 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CACHE_TTL_TAG_S = 300;

  /** Seconds a user profile and the guard's per-request user state stay cached; 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CACHE_TTL_USER_S = 60;

  /**
   * Seconds an offset list's total (its COUNT) stays cached per filter; writes to what it counts
   * drop all of them at once, so this only bounds a missed invalidation. 0 turns it off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CACHE_TTL_COUNT_S = 60;

  /** Entries kept in each process's in-memory tier (oldest dropped first). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CACHE_LOCAL_MAX_ENTRIES = 10_000;

  /** A cache call to Redis slower than this counts as failed and the database answers instead. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  CACHE_REDIS_TIMEOUT_MS = 250;

  // ---- rate limiting (standard §8) ----
  @Transform(toBool)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  /** Length of the counting window in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_S = 60;

  /** Requests per window for a signed-in user, counted by user id. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_USER_LIMIT = 100;

  /** Requests per window for anonymous calls, counted by client IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANON_LIMIT = 20;

  /** Requests per window per client IP on the credential routes (RATE_LIMIT_AUTH_ROUTES). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_AUTH_LIMIT = 5;

  /**
   * 0 (the default): every counted request asks Redis. Above 0, counters with a limit of at least
   * 100 are counted in process while less than half used and sent to Redis in one batch every this
   * many ms: far fewer Redis calls, slightly stale X-RateLimit-Remaining across instances. See
   * docs/decisions/034-rate-limit-counters-in-batches.md for when it pays.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  RATE_LIMIT_BATCH_MS = 0;

  /** Route templates that get the stricter credential limit, comma separated. */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^\/\S*$/, { each: true, message: 'must list route paths starting with /' })
  RATE_LIMIT_AUTH_ROUTES: string[] = [
    '/api/v1/auth/login',
    '/api/v1/auth/token',
    '/api/v1/auth/password/forgot',
  ];

  // ---- queues and workers (standard §4.3) ----
  /** Run the queue processors inside the API process too (the zero-setup start). */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKERS = true;

  /** Jobs one process runs at the same time, per queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  QUEUE_CONCURRENCY = 2;

  /** Tries per job before it is marked failed (retries back off exponentially). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  QUEUE_ATTEMPTS = 3;

  /** First retry delay in ms; each next retry waits twice as long. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  QUEUE_BACKOFF_MS = 2000;

  /** A job running longer than this fails (and is retried). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  QUEUE_JOB_TIMEOUT_MS = 300_000;

  /** Finished jobs kept in Redis for inspection (the newest; older ones are removed). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  QUEUE_KEEP_COMPLETED = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  QUEUE_KEEP_FAILED = 5000;

  /** How long a worker's claim on a job lasts without renewal; a dead worker's job is free after it. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose worker died (stalled) and put them back in the queue. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  QUEUE_STALLED_INTERVAL_MS = 30_000;

  /** Times a job may stall before it is failed instead of retried. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  QUEUE_MAX_STALLED_COUNT = 2;

  // ---- reports ----
  /** Folder where finished report files (CSV) are written; relative paths start at the repo root. */
  @IsString()
  @MinLength(1)
  REPORTS_DIR = 'data/reports';

  /** Rows read from the database per batch while a report is written. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  REPORTS_BATCH_SIZE = 500;

  /** Pause between batches (ms), to keep a big export from crowding the database out. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  REPORTS_BATCH_PAUSE_MS = 0;

  // ---- identity (access tokens, refresh tokens, passwords, lockout) ----
  /** HS256 key that signs access tokens (>= 32 chars). The default only works outside production. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET = 'quorum-development-jwt-secret-change-me';

  /** `iss` claim written into and required of every access token. */
  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'quorum';

  /** `aud` claim written into and required of every access token. */
  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'quorum-api';

  /** Access token lifetime in minutes (standard §11.2: 15 to 60). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 15 and 60' })
  @Min(15, { message: 'must be an integer between 15 and 60' })
  @Max(60, { message: 'must be an integer between 15 and 60' })
  ACCESS_TOKEN_TTL_MIN = 15;

  /** Refresh token lifetime in days (each rotation starts a new period). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** Failed logins within LOCKOUT_WINDOW_MIN that lock an account. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOCKOUT_MAX_ATTEMPTS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOCKOUT_WINDOW_MIN = 15;

  /** How long a locked account stays locked (an admin can unlock it sooner). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOCKOUT_DURATION_MIN = 15;

  /** Lifetime of a single-use password reset link. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MIN = 30;

  /**
   * Seed the demo users of seeds/020-users.json as usable accounts. Unset: yes, except in
   * production, where they are created deactivated with random passwords.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO_USERS?: boolean;

  /** Anyone may create an `author` account with POST /auth/register. */
  @Transform(toBool)
  @IsBoolean()
  ALLOW_SIGNUP = false;

  // ---- mail ----
  /** smtp://user:pass@host:587 or smtps://…:465. Empty: mail is logged (never its content), not sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Quorum <no-reply@quorum.local>';

  /** Base URL of the web app; password reset links point at <APP_URL>/reset-password?token=…. */
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'must be an http(s):// URL without query' })
  APP_URL = 'http://localhost:3000';

  // ---- observability ----
  /** Bearer token GET /metrics requires (>= 16 chars). Empty: /metrics is open (keep it internal). */
  @IsOptional()
  @IsString()
  METRICS_TOKEN?: string;

  /** Port where the worker process serves /metrics (same token rule). Empty: the worker serves none. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  /** Sentry DSN (https://<key>@<host>/<project>). Empty: no error tracking. */
  @IsOptional()
  @IsString()
  SENTRY_DSN?: string;

  /** Environment name on Sentry events (default: NODE_ENV). */
  @IsOptional()
  @IsString()
  SENTRY_ENVIRONMENT?: string;

  /** Release name on Sentry events (e.g. the git SHA); empty: none. */
  @IsOptional()
  @IsString()
  SENTRY_RELEASE?: string;

  /** Share of requests traced as Sentry transactions, 0 to 1. 0: errors only (no per-request cost). */
  @Transform(toNumber)
  @IsNumber({}, { message: 'must be a number between 0 and 1' })
  @Min(0, { message: 'must be a number between 0 and 1' })
  @Max(1, { message: 'must be a number between 0 and 1' })
  SENTRY_TRACES_SAMPLE_RATE = 0;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get logFormat(): 'json' | 'pretty' {
    return this.LOG_FORMAT ?? (this.isProduction ? 'json' : 'pretty');
  }
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const firstMessage = (error: ValidationError): string => {
  const constraints = error.constraints ?? {};
  const key = Object.keys(constraints)[0];
  return key ? constraints[key] : 'is invalid';
};

/** Rules that span variables or depend on NODE_ENV. */
function crossCheck(config: AppConfig): void {
  if (config.isProduction && config.CORS_ORIGINS.includes('*')) {
    throw new ConfigError('CORS_ORIGINS', 'must list exact origins in production, not *');
  }
  if (config.DB_POOL_MIN > config.DB_POOL_MAX) {
    throw new ConfigError('DB_POOL_MIN', `must not exceed DB_POOL_MAX (${config.DB_POOL_MAX})`);
  }
  if (config.isProduction && config.CURSOR_SECRET === new AppConfig().CURSOR_SECRET) {
    throw new ConfigError('CURSOR_SECRET', 'must be set to a private value in production');
  }
  if (config.isProduction && config.JWT_SECRET === new AppConfig().JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'must be set to a private value in production');
  }
  if (config.JWT_SECRET === config.CURSOR_SECRET) {
    throw new ConfigError('JWT_SECRET', 'must differ from CURSOR_SECRET');
  }
}

/** Observability settings: checked here so a token or DSN is never echoed in the error. */
function checkObservability(config: AppConfig): void {
  if (config.METRICS_TOKEN !== undefined && config.METRICS_TOKEN.length < 16) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  }
  if (
    config.SENTRY_DSN !== undefined &&
    !/^https?:\/\/[^\s@/]+@[^\s/]+\/\S+$/.test(config.SENTRY_DSN)
  ) {
    throw new ConfigError('SENTRY_DSN', 'must be a DSN like https://<key>@<host>/<project>');
  }
}

/** Only the variables AppConfig declares are read; empty strings count as unset. */
/** Every variable AppConfig declares (each carries at least one validation decorator). */
function configKeys(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of configKeys()) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    const given = raw[first.property];
    const shown =
      given === undefined || /PASSWORD|SECRET|SMTP_URL/.test(first.property)
        ? ''
        : ` (got "${given}")`;
    throw new ConfigError(first.property, `${firstMessage(first)}${shown}`);
  }
  crossCheck(config);
  checkObservability(config);
  return config;
}

/** Reads `.env` when present (real environment wins), then validates. */
export function loadConfigFromProcess(): AppConfig {
  try {
    process.loadEnvFile?.('.env');
  } catch {
    // no .env file: the environment alone is the configuration
  }
  return loadConfig(process.env);
}
