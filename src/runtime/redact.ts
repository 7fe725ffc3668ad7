/**
 * Secret redaction for what a run records about its environment (env vars, argv, URLs).
 *
 * Pure functions over strings, and the rules as exported data so that docs can print them and
 * tests can check the docs list them all. A variable is redacted by its NAME (whole words such
 * as `TOKEN`, `KEY`, `PASSWORD`) or by its VALUE (known credential shapes, high-entropy strings);
 * in URLs only the password is replaced. `allow` and `deny` lists override the rules.
 */

/** What a redacted value is replaced with. */
export const REDACTED = '<redacted>';

/**
 * Name words that mark a secret when they appear as a whole word of the name. Names are split
 * on `_`, `-`, `.`, `/` and lowerCamel boundaries, case-insensitively: `GITHUB_TOKEN`,
 * `AWS_SECRET_ACCESS_KEY` and `apiKey` match; `KEYBOARD`, `MONKEY` and `TOKENIZERS_PARALLELISM` do not.
 */
export const SECRET_NAME_WORDS: readonly string[] = [
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pass',
  'passphrase',
  'pwd',
  'key',
  'keys',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'auth',
  'authorization',
  'bearer',
  'private',
  'session',
  'cookie',
  'cookies',
  'signature',
  'dsn',
  'pat',
];

/**
 * Fragments that mark a secret anywhere inside one word of the name, for compound names that
 * have no separator: `PGPASSWORD`, `MYSECRET`, `NPMAUTHTOKEN` (by its `token` ending).
 */
export const SECRET_NAME_FRAGMENTS: { readonly contains: readonly string[]; readonly endsWith: readonly string[] } = {
  contains: ['password', 'passwd', 'secret', 'credential', 'apikey', 'accesskey', 'privatekey'],
  endsWith: ['token', 'pwd'],
};

/**
 * Names kept verbatim by default although a rule matches them: `PWD` and `OLDPWD` are the
 * shell's working directories, not passwords. Extended (not replaced) by the `allow` option.
 */
export const DEFAULT_ALLOW: readonly string[] = ['PWD', 'OLDPWD'];

/** One rule that recognises a credential by the shape of a value. */
export interface SecretValueRule {
  /** Stable id, used in docs and tests. */
  readonly id: string;
  /** What the rule matches, in words. */
  readonly description: string;
  /** Matches anywhere in the value; a match redacts the whole value. */
  readonly pattern: RegExp;
}

/** Credential shapes recognised in values. A value containing any of them is redacted whole. */
export const SECRET_VALUE_RULES: readonly SecretValueRule[] = [
  {
    id: 'github-token',
    description: 'GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})/,
  },
  {
    id: 'slack-token',
    description: 'Slack tokens: `xoxb-`, `xoxa-`, `xoxp-`, `xoxr-`, `xoxs-`',
    pattern: /(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}/,
  },
  {
    id: 'sk-key',
    description: 'API keys starting `sk-` (OpenAI, Anthropic and others)',
    pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{16,}/,
  },
  {
    id: 'stripe-key',
    description: 'Stripe secret and restricted keys: `sk_live_`, `sk_test_`, `rk_live_`, `rk_test_`',
    pattern: /(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/,
  },
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ids: `AKIA` or `ASIA` + 16 uppercase letters or digits',
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/,
  },
  {
    id: 'google-api-key',
    description: 'Google API keys: `AIza` + 35 characters',
    pattern: /AIza[0-9A-Za-z_-]{35}/,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access tokens: `glpat-`',
    pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/,
  },
  {
    id: 'huggingface-token',
    description: 'Hugging Face tokens: `hf_` + 30 or more letters or digits',
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/,
  },
  {
    id: 'npm-token',
    description: 'npm tokens: `npm_` + 36 letters or digits',
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}/,
  },
  {
    id: 'jwt',
    description: 'JSON Web Tokens: `eyJ….eyJ….`',
    pattern: /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\./,
  },
  {
    id: 'pem-private-key',
    description: 'PEM private keys: `-----BEGIN … PRIVATE KEY-----`',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/,
  },
];

/**
 * The high-entropy rule, as data. A run of base64/hex characters at least `minLength` long
 * (after dropping trailing `=` padding) is a secret when it is
 * - hex with both digits and letters and at least `minHexEntropyBits` bits per character, or
 * - at least two of upper case / lower case / digits, at least `minEntropyBits` bits per
 *   character, and less than `maxWordLikeness` of its letters in pronounceable words (so
 *   `MyProject2024ReleaseCandidate`, `some_long_name_2024` and paths are not secrets).
 * About 0.5% of random 32-character base64 strings look enough like words to escape; names
 * and the known prefixes catch most real credentials first.
 */
export const HIGH_ENTROPY_RULE = {
  id: 'high-entropy',
  description:
    'high-entropy runs of 32 or more base64/hex characters: hex with digits and letters, ' +
    'or two of upper/lower/digits that do not read as words',
  minLength: 32,
  minEntropyBits: 3.5,
  minHexEntropyBits: 3,
  maxWordLikeness: 0.6,
} as const;

/** The URL rule, as data: `scheme://user:password@host` keeps everything but the password. */
export const URL_PASSWORD_RULE = {
  id: 'url-password',
  description: 'URLs with `user:password@`: only the password is replaced, e.g. `postgres://app:<redacted>@db:5432/x`',
} as const;

/** `allow`/`deny` lists: names or globs (`*`, `?`), matched case-insensitively. */
export interface RedactionOptions {
  /** Names (or globs) always kept verbatim, added to {@link DEFAULT_ALLOW}. */
  allow?: readonly string[];
  /** Names (or globs) always redacted; wins over `allow`. */
  deny?: readonly string[];
}

/** Why a value was redacted, or `null` when it was kept (possibly with a URL password replaced). */
export type RedactionReason = 'deny' | 'name' | 'value' | null;

/** The result of redacting one named value. */
export interface RedactedEntry {
  /** The value to record: verbatim, URL-cleaned, or {@link REDACTED}. */
  value: string;
  /** Why the whole value was replaced; `null` when it was kept. */
  reason: RedactionReason;
}

/**
 * Split a variable or key name into lower-case words on `_ - . /` and lowerCamel boundaries.
 * @example nameWords('AWS_SECRET_ACCESS_KEY') // ['aws', 'secret', 'access', 'key']
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-./\s]+/)
    .filter((word) => word.length > 0);
}

/**
 * Whether a NAME alone marks its value as secret (see {@link SECRET_NAME_WORDS}).
 * @example isSecretName('GITHUB_TOKEN') // true; isSecretName('KEYBOARD') // false
 */
export function isSecretName(name: string): boolean {
  return nameWords(name).some(
    (word) =>
      SECRET_NAME_WORDS.includes(word) ||
      SECRET_NAME_FRAGMENTS.contains.some((fragment) => word.includes(fragment)) ||
      SECRET_NAME_FRAGMENTS.endsWith.some((fragment) => word.endsWith(fragment)),
  );
}

/**
 * Whether a VALUE contains a credential by shape (a {@link SECRET_VALUE_RULES} pattern or a
 * high-entropy run). URL passwords are handled by {@link redactUrlPasswords}, not here.
 * @example looksLikeSecret('ghp_' + 'a1B2'.repeat(9)) // true
 */
export function looksLikeSecret(value: string): boolean {
  return SECRET_VALUE_RULES.some((rule) => rule.pattern.test(value)) || hasHighEntropyRun(value);
}

/**
 * Replace the password of every `scheme://user:password@host` URL in `text` with {@link REDACTED}.
 * @example redactUrlPasswords('postgres://app:hunter2@db/x') // 'postgres://app:<redacted>@db/x'
 */
export function redactUrlPasswords(text: string): string {
  // The password runs to the last `@` before the next `/` or whitespace (passwords with a raw
  // `@` are common in hand-written URLs).
  return text.replace(
    /([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s:/?#@]*):([^\s/]*)@/g,
    (whole, scheme: string, user: string, password: string) =>
      password === '' || password === REDACTED ? whole : `${scheme}${user}:${REDACTED}@`,
  );
}

/**
 * A git remote URL safe to record: http(s) URLs lose their whole `user[:password]@` part (the
 * user is often a token); other URLs (`ssh://`, `git://`) lose only a password; scp-like
 * `git@github.com:x/y.git` is kept as is.
 * @example stripUrlCredentials('https://u:tok@host/x.git') // 'https://host/x.git'
 */
export function stripUrlCredentials(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)@(.*)$/s.exec(url);
  if (!match) return url;
  const [, scheme = '', userinfo = '', rest = ''] = match;
  if (/^https?$/i.test(scheme)) return `${scheme}://${rest}`;
  const user = userinfo.split(':')[0] ?? '';
  return `${scheme}://${user === '' ? '' : `${user}@`}${rest}`;
}

/**
 * Redact one named value by the rules, in this order: `deny` → redacted; `allow` → verbatim;
 * secret name → redacted; credential-shaped value → redacted; otherwise URL passwords replaced.
 * @example redactEntry('DB_URL', 'postgres://a:b@h/x') // { value: 'postgres://a:<redacted>@h/x', reason: null }
 */
export function redactEntry(name: string, value: string, options: RedactionOptions = {}): RedactedEntry {
  if (matchesAny(name, options.deny ?? [])) return { value: REDACTED, reason: 'deny' };
  if (matchesAny(name, DEFAULT_ALLOW) || matchesAny(name, options.allow ?? [])) return { value, reason: null };
  if (isSecretName(name)) return { value: REDACTED, reason: 'name' };
  const cleaned = redactUrlPasswords(value);
  if (looksLikeSecret(cleaned)) return { value: REDACTED, reason: 'value' };
  return { value: cleaned, reason: null };
}

/**
 * Redact a whole environment. Returns the recorded variables (sorted by name) and the names
 * whose value was replaced whole.
 * @example redactEnv({ GITHUB_TOKEN: 'ghp_…', HOME: '/root' }).env // { GITHUB_TOKEN: '<redacted>', HOME: '/root' }
 */
export function redactEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: RedactionOptions = {},
): { env: Record<string, string>; redacted: string[] } {
  const out: Record<string, string> = {};
  const redacted: string[] = [];
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined) continue;
    const entry = redactEntry(name, value, options);
    out[name] = entry.value;
    if (entry.reason !== null) redacted.push(name);
  }
  return { env: out, redacted };
}

/**
 * Redact command-line arguments: `key=value` and `--key=value` with a secret key lose the
 * value, `--secret-flag value` loses the next argument, credential-shaped values are replaced
 * and URL passwords stripped.
 * @example redactArgv(['db.password=hunter2', 'lr=0.1']) // ['db.password=<redacted>', 'lr=0.1']
 */
export function redactArgv(argv: readonly string[], options: RedactionOptions = {}): string[] {
  const out: string[] = [];
  let redactNext = false;
  for (const arg of argv) {
    if (redactNext && !arg.startsWith('-')) {
      out.push(REDACTED);
      redactNext = false;
      continue;
    }
    redactNext = false;
    const assignment = /^(-{0,2}[+~]{0,2})([A-Za-z_@][^=\s]*)=(.*)$/s.exec(arg);
    if (assignment) {
      const [, prefix = '', key = '', value = ''] = assignment;
      // The "key" of `postgres://u:pw@h/x?ssl=1` is most of a URL, so it is cleaned too.
      out.push(`${redactUrlPasswords(prefix + key)}=${redactEntry(key, value, options).value}`);
      continue;
    }
    const flag = /^--?([A-Za-z][\w.-]*)$/.exec(arg);
    if (flag?.[1] !== undefined) {
      const name = flag[1];
      const allowed = matchesAny(name, options.allow ?? []);
      redactNext = matchesAny(name, options.deny ?? []) || (!allowed && isSecretName(name));
      out.push(arg);
      continue;
    }
    const cleaned = redactUrlPasswords(arg);
    out.push(looksLikeSecret(cleaned) ? REDACTED : cleaned);
  }
  return out;
}

/**
 * Whether `name` matches one of the names or globs (`*` any run, `?` one character), ignoring case.
 * @example matchesAny('MY_APP_DEBUG', ['MY_APP_*']) // true
 */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(name));
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hasHighEntropyRun(value: string): boolean {
  for (const run of value.split(/[^A-Za-z0-9+/=_-]+/)) {
    const candidate = run.replace(/=+$/, '');
    if (candidate.length >= HIGH_ENTROPY_RULE.minLength && isHighEntropy(candidate)) return true;
  }
  return false;
}

function isHighEntropy(text: string): boolean {
  const digits = /[0-9]/.test(text);
  if (/^[0-9a-fA-F]+$/.test(text)) {
    return digits && /[a-fA-F]/.test(text) && shannonBits(text) >= HIGH_ENTROPY_RULE.minHexEntropyBits;
  }
  const classes = Number(digits) + Number(/[a-z]/.test(text)) + Number(/[A-Z]/.test(text));
  return (
    classes >= 2 &&
    shannonBits(text) >= HIGH_ENTROPY_RULE.minEntropyBits &&
    wordLikeness(text) < HIGH_ENTROPY_RULE.maxWordLikeness
  );
}

/**
 * The share of letters that belong to words: whole single-case segments between separators
 * (`usr`, `node_modules`) or pronounceable camelCase parts (`Release`, `config`). Identifiers,
 * paths and pod names score 0.7–1; random base64 almost always scores below 0.5.
 */
function wordLikeness(text: string): number {
  let letters = 0;
  let inWords = 0;
  for (const segment of text.split(/[_\-/+=.]+/)) {
    const wholeWord = /^(?:[a-z]{2,}|[A-Z]{2,}|[A-Z][a-z]+)$/.test(segment);
    for (const word of segment.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/)) {
      if (word === '' || /^[0-9]+$/.test(word)) continue;
      letters += word.length;
      if (wholeWord || isPronounceable(word)) inWords += word.length;
    }
  }
  return letters === 0 ? 0 : inWords / letters;
}

function isPronounceable(word: string): boolean {
  return /^(?:[A-Z][a-z]{2,}|[a-z]{4,}|[A-Z]{3,5})$/.test(word) && /[aeiouy]/i.test(word) && !/[^aeiouy]{5}/i.test(word);
}

function shannonBits(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
