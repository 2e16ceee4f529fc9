/**
 * Structured JSON logs, one object per line, with secrets removed twice over: fields whose names
 * look sensitive are masked, and any registered secret value (API key, HMAC secret, bot token...) is
 * scrubbed wherever it appears, including inside error messages and URLs.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never be printed, whatever field they end up in. */
  secrets?: readonly string[];
  write?: (line: string) => void;
  clock?: () => number;
}

const SENSITIVE_KEY =
  /secret|token|password|passwd|api[-_]?key|signature|authorization|cookie|^pin$|pin_?code|^ic_?number$|^payer_?id$/i;
export const REDACTED = '[redacted]';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(options: LoggerOptions, bindings: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? Date.now;
  const secrets = options.secrets ?? [];
  const threshold = rank[options.level];

  const emit = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (rank[level] < threshold) return;
    const record = { time: new Date(clock()).toISOString(), level, msg: message, ...bindings, ...fields };
    write(maskIcNumbers(scrubSecrets(JSON.stringify(redactFields(record)), secrets)));
  };

  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (more) => createLogger(options, { ...bindings, ...more }),
  };
}

export const silentLogger: Logger = createLogger({ level: 'silent', write: () => {} });

/** Masks values under sensitive keys and turns errors into plain objects, at any depth. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[too deep]';
  if (value instanceof Error) {
    return redactFields({ name: value.name, message: value.message, ...ownFields(value) }, depth + 1);
  }
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] =
        SENSITIVE_KEY.test(key) && inner !== undefined && inner !== '' && !isSecretReport(inner)
          ? REDACTED
          : redactFields(inner, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * A field that says something about a secret without being one: `hasToken: false`, or
 * `tokenStatus: 'mismatch'`. Masking these would leave logs unable to tell a missing secret from a
 * wrong one, and neither a boolean nor these words can carry a secret's value.
 */
const SECRET_REPORTS: ReadonlySet<unknown> = new Set(['present', 'absent', 'missing', 'mismatch']);
function isSecretReport(value: unknown): boolean {
  return typeof value === 'boolean' || SECRET_REPORTS.has(value);
}

/**
 * An error's own scalar fields (code, description, httpStatus...). Nested objects are left out:
 * libraries attach the failed request to their errors (Telegraf's `on.payload` carries the message
 * text, which may be a receipt with a PIN), and a log line must never carry a payload.
 */
function ownFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'stack' && (value === null || typeof value !== 'object')) fields[key] = value;
  }
  return fields;
}

/**
 * Secrets at least this long are scrubbed wherever they appear, even inside a longer word (a token
 * in a URL, a key glued to a prefix). Shorter ones are scrubbed only as whole tokens (not touching a
 * letter or digit on either side): scrubbing "abc" inside every "abcde" would make logs unreadable,
 * while a short secret on its own (a value, a query parameter, a header) is still caught.
 */
export const MIN_SUBSTRING_SECRET_LENGTH = 6;

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a short secret inside a long one cannot leave the long one's remains.
  const ordered = [...new Set(secrets)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    // The same value may appear JSON-escaped (a Base64 secret with "/" stays the same, but be safe).
    const escaped = JSON.stringify(secret).slice(1, -1);
    for (const form of escaped === secret ? [secret] : [secret, escaped]) {
      if (!out.includes(form)) continue;
      out =
        form.length >= MIN_SUBSTRING_SECRET_LENGTH
          ? out.split(form).join(REDACTED)
          : out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g'), REDACTED);
    }
  }
  return out;
}

/**
 * A Malaysian IC number (MyKad: YYMMDD-PB-###G, 12 digits, with or without dashes) may reach a log
 * through text the provider echoes (PTPTN and JomPAY accounts are IC numbers). Only its last four
 * digits are kept. Other 12-digit numbers (some utility accounts) are masked the same way, which
 * costs little: their last four digits still tell them apart in a log.
 */
export function maskIcNumbers(text: string): string {
  return text.replace(/(?<!\d)\d{6}-?\d{2}-?(\d{4})(?!\d)/g, '********$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
