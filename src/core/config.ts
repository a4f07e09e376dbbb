// Environment → typed config, parsed once at start. Every problem names the variable and
// what to set it to.

import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UserError } from './errors.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_GEMINI_IMAGE_MODEL = 'gemini-3.1-flash-image';

/** Variables whose presence means "use the real services": with none set, the server runs in sandbox mode. */
export const PROVIDER_KEY_VARIABLES = [
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'OPENAI_API_KEY',
  'BFL_API_KEY',
  'HEYGEN_API_KEY',
] as const;

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0' })
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const EnvSchema = z.object({
  AVATAR_LOOKS_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  AVATAR_LOOKS_HOME: z
    .string()
    .refine((path) => isAbsolute(path), {
      error: 'must be an absolute path (MCP hosts start servers in arbitrary folders)',
    })
    .optional(),
  AVATAR_LOOKS_SANDBOX: flag.optional(),
  AVATAR_LOOKS_ALLOW_PRIVATE_URLS: flag.optional(),
  AVATAR_REFERENCE_IMAGE: z.string().optional(),
  AVATAR_REFERENCE_IMAGES: z
    .string()
    .refine(
      (text) => {
        if (!text.trim().startsWith('[')) return text.split(',').filter((item) => item.trim()).length <= 5;
        try {
          const list: unknown = JSON.parse(text);
          return Array.isArray(list) && list.length <= 5 && list.every((item) => typeof item === 'string');
        } catch {
          return false;
        }
      },
      { error: 'must list at most 5 photos: comma-separated, or a JSON array of strings' },
    )
    .optional(),
  AVATAR_LOOKS_MAX_JOBS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(64).optional(),
  AVATAR_LOOKS_ALLOWED_DIRS: z
    .string()
    .refine((list) => list.split(delimiter).every((dir) => dir.trim() === '' || isAbsolute(dir.trim())), {
      error: `must be a list of absolute folder paths separated by "${delimiter}"`,
    })
    .optional(),
  GEMINI_API_KEY: z.string().optional(),
  GOOGLE_API_KEY: z.string().optional(),
  GEMINI_IMAGE_MODEL: z
    .string()
    .regex(/^[\w.-]+$/, { error: 'must be a model id such as gemini-3.1-flash-image' })
    .optional(),
  GEMINI_BASE_URL: httpUrl.optional(),
  GEMINI_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(600).optional(),
  AVATAR_LOOKS_SANDBOX_DELAY_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(0)
    .max(600_000)
    .optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_IMAGE_MODEL: z
    .string()
    .regex(/^[\w.-]+$/, { error: 'must be a model id such as gpt-image-1.5' })
    .optional(),
  OPENAI_IMAGE_QUALITY: z
    .enum(['low', 'medium', 'high', 'auto'], { error: 'must be low, medium, high or auto' })
    .optional(),
  OPENAI_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(600).optional(),
  BFL_API_KEY: z.string().optional(),
  BFL_BASE_URL: httpUrl.optional(),
  BFL_MODEL: z.enum(['flux-2-pro', 'flux-kontext-pro'], { error: 'must be flux-2-pro or flux-kontext-pro' }).optional(),
  BFL_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(900).optional(),
  AVATAR_LOOKS_MAX_VIDEO_SESSIONS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(10).optional(),
  AVATAR_LOOKS_STUCK_THINKING_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .min(0.01)
    .max(600)
    .optional(),
  AVATAR_LOOKS_APPROVAL: z.enum(['none', 'cost', 'pick'], { error: 'must be none, cost or pick' }).optional(),
  AVATAR_LOOKS_FACE_GATE: z.enum(['strict', 'warn', 'off'], { error: 'must be strict, warn or off' }).optional(),
  AVATAR_LOOKS_PROVIDERS: z
    .string()
    .regex(/^\s*(gemini|openai|flux|heygen)(\s*,\s*(gemini|openai|flux|heygen))*\s*$/, {
      error: 'must list providers in order of preference, e.g. gemini,openai,flux or heygen,gemini',
    })
    .optional(),
  HEYGEN_API_KEY: z.string().optional(),
  HEYGEN_BASE_LOOK_ID: z
    .string()
    .regex(/^[\w-]{1,100}$/, { error: 'must be a HeyGen look id (letters, digits, _ and -)' })
    .optional(),
  HEYGEN_AVATAR_GROUP_ID: z
    .string()
    .regex(/^[\w-]{1,100}$/, { error: 'must be a HeyGen avatar group id (letters, digits, _ and -)' })
    .optional(),
  HEYGEN_BASE_URL: httpUrl.optional(),
  HEYGEN_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(600).optional(),
  /** Test only: shrinks HeyGen's polling cadence by this factor, honoured only for a loopback HEYGEN_BASE_URL (a local double). */
  AVATAR_LOOKS_TEST_POLL_SCALE: z.coerce.number({ error: 'must be a number' }).gt(0).max(1).optional(),
  AVATAR_LOOKS_HTTP_TOKEN: z
    .string()
    .min(32, { error: 'must be at least 32 characters (make one with `openssl rand -hex 32`)' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces (make one with `openssl rand -hex 32`)' })
    .optional(),
  AVATAR_LOOKS_HTTP_ALLOWED_HOSTS: z
    .string()
    .regex(/^\s*[\w.:[\]-]+(\s*,\s*[\w.:[\]-]+)*\s*$/, {
      error: 'must be a comma-separated list of host names, e.g. looks.example.com,10.0.0.5:3400',
    })
    .optional(),
  AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS: z
    .string()
    .regex(/^\s*https?:\/\/[\w.:[\]-]+\/?(\s*,\s*https?:\/\/[\w.:[\]-]+\/?)*\s*$/, {
      error: 'must be a comma-separated list of origins, e.g. https://studio.example.com',
    })
    .optional(),
  AVATAR_LOOKS_HTTP_MAX_BODY_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .min(0.1)
    .max(256)
    .optional(),
  AVATAR_LOOKS_HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(5)
    .max(3600)
    .optional(),
  AVATAR_LOOKS_MAX_CALLS_IN_FLIGHT: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(1)
    .max(1000)
    .optional(),
  AVATAR_LOOKS_HTTP_SHUTDOWN_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(0)
    .max(3600)
    .optional(),
});

/** Every variable the server reads (server.json and the docs are checked against it). */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export interface Config {
  logLevel: LogLevel;
  /** Absolute folder for runs and jobs. */
  home: string;
  /** Why the server is in sandbox mode, or null when it uses the real services. */
  sandbox: 'flag' | 'no-keys' | null;
  allowPrivateUrls: boolean;
  /** Default reference photos (1–5 of one person): AVATAR_REFERENCE_IMAGE, then AVATAR_REFERENCE_IMAGES. */
  referenceImages: string[];
  /** Folders local paths may be read from (over stdio, the host's roots are added). */
  allowedDirs: string[];
  /** Jobs (runner processes, about 450 MB each) that may run at once in this home. */
  maxJobs: number;
  /** How long the sandbox provider takes per image, to try long calls and jobs offline. */
  sandboxDelayMs: number;
  /** Video Agent sessions this server lets run at once (HeyGen's queue congests beyond 2–3). */
  maxVideoSessions: number;
  /** A session in `thinking` longer than this is flagged as stuck. */
  stuckThinkingMinutes: number;
  /** What create_look does with a candidate that fails the gate: reject it, only warn, or check nothing. */
  faceGate: 'strict' | 'warn' | 'off';
  /** create_look's default approval: none (pipelines), cost (ask before paying) or pick (ask which candidate). */
  approval: 'none' | 'cost' | 'pick';
  /** Image providers to try, in order, when a call names none. */
  providerChain: Array<'gemini' | 'openai' | 'flux' | 'heygen'>;
  openai: {
    apiKey: string | undefined;
    baseUrl: string;
    model: string;
    quality: 'low' | 'medium' | 'high' | 'auto';
    timeoutMs: number;
  };
  bfl: { apiKey: string | undefined; baseUrl: string; model: 'flux-2-pro' | 'flux-kontext-pro'; timeoutMs: number };
  heygen: {
    apiKey: string | undefined;
    /** The default avatar group looks are added to. */
    groupId: string | undefined;
    /** The look the heygen provider makes new looks from (HEYGEN_BASE_LOOK_ID); else the most alike. */
    baseLookId?: string | undefined;
    baseUrl: string;
    timeoutMs: number;
    /**
     * 1 for HeyGen: its polling cadence as it asks for it. Smaller only for a local double on
     * loopback (the sandbox's simulator, or tests), whose looks are ready in seconds.
     */
    pollScale: number;
  };
  http: {
    /**
     * The bearer token the user set; required off loopback. Without it, the HTTP server makes
     * one in AVATAR_LOOKS_HOME/http-token (HTTP never runs without a token).
     */
    token: string | undefined;
    /** Host header values allowed besides the loopback names (host, or host:port). */
    allowedHosts: string[];
    /** Origin header values allowed besides loopback origins (scheme://host[:port]). */
    allowedOrigins: string[];
    maxBodyBytes: number;
    /** A request still unanswered after this long gets a timeout error. */
    requestTimeoutMs: number;
    /** On SIGTERM: how long running requests and jobs get to reach a safe point. */
    shutdownMs: number;
    /** Tool calls this process runs at once over HTTP; one more is answered "busy, call again". */
    maxCallsInFlight: number;
  };
  gemini: {
    apiKey: string | undefined;
    /** Which variable the key came from, for messages (never the key itself). */
    apiKeyVariable: 'GEMINI_API_KEY' | 'GOOGLE_API_KEY' | undefined;
    model: string;
    baseUrl: string | undefined;
    timeoutMs: number;
  };
}

export interface ConfigOptions {
  /** --sandbox on the command line. */
  sandboxFlag?: boolean;
}

/** Reads the config from `env`; throws a UserError (kind "config") naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: ConfigOptions = {}): Config {
  const present = emptyAsUnset(env);
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new UserError(
      'config',
      `Invalid environment: ${problems.join('; ')}.`,
      'Fix the variable or unset it to use the default.',
    );
  }
  const e = parsed.data;
  const home = e.AVATAR_LOOKS_HOME ?? join(homedir(), '.avatar-looks');
  const anyKey = PROVIDER_KEY_VARIABLES.some((name) => present[name] !== undefined);
  const geminiKeyVariable = e.GEMINI_API_KEY ? 'GEMINI_API_KEY' : e.GOOGLE_API_KEY ? 'GOOGLE_API_KEY' : undefined;
  return {
    logLevel: e.AVATAR_LOOKS_LOG_LEVEL,
    home,
    sandbox: options.sandboxFlag || e.AVATAR_LOOKS_SANDBOX === true ? 'flag' : anyKey ? null : 'no-keys',
    allowPrivateUrls: e.AVATAR_LOOKS_ALLOW_PRIVATE_URLS ?? false,
    referenceImages: referenceImages(e.AVATAR_REFERENCE_IMAGE, e.AVATAR_REFERENCE_IMAGES),
    allowedDirs: allowedDirs(
      e.AVATAR_LOOKS_ALLOWED_DIRS,
      home,
      referenceImages(e.AVATAR_REFERENCE_IMAGE, e.AVATAR_REFERENCE_IMAGES),
    ),
    maxJobs: e.AVATAR_LOOKS_MAX_JOBS ?? 4,
    sandboxDelayMs: e.AVATAR_LOOKS_SANDBOX_DELAY_MS ?? 0,
    faceGate: e.AVATAR_LOOKS_FACE_GATE ?? 'strict',
    approval: e.AVATAR_LOOKS_APPROVAL ?? 'none',
    maxVideoSessions: e.AVATAR_LOOKS_MAX_VIDEO_SESSIONS ?? 2,
    stuckThinkingMinutes: e.AVATAR_LOOKS_STUCK_THINKING_MINUTES ?? 15,
    providerChain: [
      ...new Set(
        (e.AVATAR_LOOKS_PROVIDERS ?? 'gemini,openai,flux')
          .split(',')
          .map((name) => name.trim() as 'gemini' | 'openai' | 'flux' | 'heygen'),
      ),
    ],
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL ?? 'https://api.openai.com',
      model: e.OPENAI_IMAGE_MODEL ?? 'gpt-image-1.5',
      quality: e.OPENAI_IMAGE_QUALITY ?? 'medium',
      timeoutMs: (e.OPENAI_TIMEOUT_SECONDS ?? 180) * 1000,
    },
    bfl: {
      apiKey: e.BFL_API_KEY,
      baseUrl: e.BFL_BASE_URL ?? 'https://api.bfl.ai',
      model: e.BFL_MODEL ?? 'flux-2-pro',
      timeoutMs: (e.BFL_TIMEOUT_SECONDS ?? 300) * 1000,
    },
    heygen: {
      apiKey: e.HEYGEN_API_KEY,
      groupId: e.HEYGEN_AVATAR_GROUP_ID,
      baseLookId: e.HEYGEN_BASE_LOOK_ID,
      baseUrl: e.HEYGEN_BASE_URL ?? 'https://api.heygen.com',
      timeoutMs: (e.HEYGEN_TIMEOUT_SECONDS ?? 30) * 1000,
      pollScale: loopbackUrl(e.HEYGEN_BASE_URL) ? (e.AVATAR_LOOKS_TEST_POLL_SCALE ?? 1) : 1,
    },
    http: {
      token: e.AVATAR_LOOKS_HTTP_TOKEN,
      allowedHosts: list(e.AVATAR_LOOKS_HTTP_ALLOWED_HOSTS).map((host) => host.toLowerCase()),
      allowedOrigins: list(e.AVATAR_LOOKS_HTTP_ALLOWED_ORIGINS).map((origin) =>
        origin.toLowerCase().replace(/\/+$/, ''),
      ),
      // A reference photo may come as a data: URL of up to 20 MB (≈ 27 MB in base64).
      maxBodyBytes: Math.round((e.AVATAR_LOOKS_HTTP_MAX_BODY_MB ?? 32) * 1024 * 1024),
      // Tools answer within about 50 s (wait_seconds is capped); this is the backstop.
      requestTimeoutMs: (e.AVATAR_LOOKS_HTTP_REQUEST_TIMEOUT_SECONDS ?? 120) * 1000,
      shutdownMs: (e.AVATAR_LOOKS_HTTP_SHUTDOWN_SECONDS ?? 25) * 1000,
      // Long-polls count: a pipeline following a dozen jobs at once still fits.
      maxCallsInFlight: e.AVATAR_LOOKS_MAX_CALLS_IN_FLIGHT ?? 16,
    },
    gemini: {
      apiKey: e.GEMINI_API_KEY ?? e.GOOGLE_API_KEY,
      apiKeyVariable: geminiKeyVariable,
      model: e.GEMINI_IMAGE_MODEL ?? DEFAULT_GEMINI_IMAGE_MODEL,
      baseUrl: e.GEMINI_BASE_URL,
      timeoutMs: (e.GEMINI_TIMEOUT_SECONDS ?? 180) * 1000,
    },
  };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Hosts often pass `""` for a variable the user left blank: treat it as unset. */
function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

/** True for an http(s) URL on 127.0.0.0/8, ::1 or localhost. */
function loopbackUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * AVATAR_REFERENCE_IMAGES: a JSON array of strings, or a comma-separated list (a data: URL or a
 * path with a comma in it needs the JSON form). AVATAR_REFERENCE_IMAGE comes first when both are set.
 */
function referenceImages(one: string | undefined, several: string | undefined): string[] {
  const text = several?.trim() ?? '';
  const listed = text.startsWith('[') ? (JSON.parse(text) as string[]) : text.split(',');
  return [...new Set([one ?? '', ...listed].map((item) => item.trim()).filter(Boolean))];
}

/**
 * The home (the server's own images and runs) and AVATAR_LOOKS_ALLOWED_DIRS when set; otherwise the
 * home and the folders of the configured reference photos (paths or file:// URLs), so the photos the
 * user named are readable and nothing else.
 */
function allowedDirs(list: string | undefined, home: string, references: string[]): string[] {
  const named = (list ?? '')
    .split(delimiter)
    .map((dir) => dir.trim())
    .filter(Boolean);
  if (named.length > 0) return [home, ...named];
  const dirs = [home];
  for (const ref of references) {
    if (ref.startsWith('file://')) {
      try {
        dirs.push(dirname(fileURLToPath(ref)));
      } catch {
        // a malformed URL is refused when the photo is read
      }
    } else if (isAbsolute(ref)) dirs.push(dirname(ref));
  }
  return [...new Set(dirs)];
}
