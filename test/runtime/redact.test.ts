import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOW,
  isSecretName,
  looksLikeSecret,
  matchesAny,
  nameWords,
  REDACTED,
  redactArgv,
  redactEntry,
  redactEnv,
  redactUrlPasswords,
  SECRET_VALUE_RULES,
  stripUrlCredentials,
} from '../../src/runtime/redact.js';

// Realistic shapes, assembled at run time so that no scanner flags this file.
const fake = {
  github: `ghp_${'R4nd0mT0k3nV4lu3'}${'x9Y8z7W6v5U4'}`,
  githubPat: `github_pat_11ABCDEFG0${'abcdefghijklmnopqrstuvwxyz0123'}`,
  slack: `xoxb-${'123456789012'}-${'abcdefABCDEF'}`,
  openai: `sk-proj-${'Abc123Def456Ghi789Jkl0'}`,
  stripe: `sk_live_${'51H8abcdEFGHijkl'}`,
  awsKeyId: `AKIA${'IOSFODNN7EXAMPLE'}`,
  awsSecret: `wJalrXUtnFEMI/K7MDENG/${'bPxRfiCYEXAMPLEKEY'}`,
  google: `AIza${'SyA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU1v'}`,
  gitlab: `glpat-${'xY1zA2bC3dE4fG5hI6jK'}`,
  huggingface: `hf_${'aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH'}`,
  npm: `npm_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiIxMjM0NTY3ODkwIn0'}.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U`,
  pem: `-----BEGIN ${'RSA PRIVATE'} KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----`,
};

describe('isSecretName', () => {
  it.each([
    'AWS_SECRET_ACCESS_KEY',
    'GITHUB_TOKEN',
    'API_KEY',
    'DB_PASSWORD',
    'PGPASSWORD',
    'MYSQL_PWD',
    'SMTP_PASS',
    'WANDB_API_KEY',
    'HF_TOKEN',
    'NPM_CONFIG__AUTH',
    'npm_config__authToken',
    'SESSION_SECRET',
    'COOKIE_SIGNATURE',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'SSH_PRIVATE_KEY',
    'SENTRY_DSN',
    'apiKey',
    'db.password',
    'some-private-thing',
    'NPMAUTHTOKEN',
  ])('treats %s as a secret name', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'KEYBOARD',
    'MONKEY',
    'TOKENIZERS_PARALLELISM',
    'PATH',
    'HOME',
    'KEYMAP',
    'AUTHOR',
    'AUTHOR_NAME',
    'PASSENGER_COUNT',
    'BYPASS_CACHE',
    'COMPASS',
    'CUDA_VISIBLE_DEVICES',
    'NODE_OPTIONS',
    'LANG',
  ])('keeps %s', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('splits names on _ - . / and camelCase', () => {
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameWords('db.apiKey-v2/x')).toEqual(['db', 'api', 'key', 'v2', 'x']);
  });
});

describe('looksLikeSecret', () => {
  it.each(Object.entries(fake))('recognises a %s credential', (_kind, value) => {
    expect(looksLikeSecret(value)).toBe(true);
    expect(looksLikeSecret(`prefix ${value} suffix`)).toBe(true);
  });

  it('has an example above for every value rule', () => {
    for (const rule of SECRET_VALUE_RULES) {
      expect(Object.values(fake).some((value) => rule.pattern.test(value)), rule.id).toBe(true);
    }
  });

  it.each([
    'KyVB8PAPiOgUEG4+YAtBD5tlhf2vvD058DANqfgU', // base64
    'xDQbHyZwerZ4B5DJAGq_sGD6JTIVYivI', // base64url, 32 characters
    'b0594bacbb6ff09e17858c27ac35f62ddacbd8cf', // hex
    'token=Zx8Qp2Lm7Rt4Wv9Ks3Jd6Hf1Gb5Nc0Ya&x=1', // inside other text
  ])('recognises the high-entropy string %s', (value) => {
    expect(looksLikeSecret(value)).toBe(true);
  });

  it('misses fewer than 2% of random 32-character base64url strings', () => {
    // A statistical bound far from the measured ~0.5%, so this never flakes.
    const misses = Array.from({ length: 2000 }, () => randomBytes(24).toString('base64url')).filter(
      (value) => !looksLikeSecret(value),
    ).length;
    expect(misses).toBeLessThan(40);
  });

  it.each([
    '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '/home/runner/work/MyProject2/MyProject2/node_modules/.bin',
    '/usr/lib/jvm/java-17-openjdk-amd64/bin/java',
    '/opt/conda/envs/py311/lib/python3.11/site-packages',
    'npm/10.8.2 node/v20.20.2 linux x64 workspaces/false',
    '--max-old-space-size=4096 --enable-source-maps',
    'MyProject2024ReleaseCandidateBuild01',
    'some_long_variable_name_with_2024',
    'myapp-deployment-7d9f8b6c4-x2x9z',
    'en_US.UTF-8',
    'disk-cache-directory-for-the-build-system',
    'sk-learn',
    'false',
    '0,1,2,3',
  ])('keeps the ordinary value %s', (value) => {
    expect(looksLikeSecret(value)).toBe(false);
  });
});

describe('redactUrlPasswords', () => {
  it('replaces only the password of a URL', () => {
    expect(redactUrlPasswords('postgres://app:hunter2@db:5432/x')).toBe(`postgres://app:${REDACTED}@db:5432/x`);
  });

  it('handles several URLs, an @ inside the password, and leaves URLs without one alone', () => {
    expect(redactUrlPasswords('redis://:p1@h1,redis://u:p@ss@h2/0')).toBe(
      `redis://:${REDACTED}@h1,redis://u:${REDACTED}@h2/0`,
    );
    expect(redactUrlPasswords('https://example.com/a:b@c')).toBe('https://example.com/a:b@c');
    expect(redactUrlPasswords('https://user@example.com')).toBe('https://user@example.com');
  });
});

describe('stripUrlCredentials', () => {
  it.each([
    ['https://user:token@github.com/acme/app.git', 'https://github.com/acme/app.git'],
    ['https://x-access-token@github.com/acme/app.git', 'https://github.com/acme/app.git'],
    ['http://u:p@host:8080/x', 'http://host:8080/x'],
    ['ssh://git:pw@host/x.git', 'ssh://git@host/x.git'],
    ['ssh://git@host/x.git', 'ssh://git@host/x.git'],
    ['git@github.com:acme/app.git', 'git@github.com:acme/app.git'],
    ['https://github.com/acme/app.git', 'https://github.com/acme/app.git'],
    ['/srv/repos/app.git', '/srv/repos/app.git'],
  ])('turns %s into %s', (url, expected) => {
    expect(stripUrlCredentials(url)).toBe(expected);
  });
});

describe('redactEntry and redactEnv', () => {
  it('redacts by name, by value, and strips URL passwords, keeping everything else', () => {
    const { env, redacted } = redactEnv({
      AWS_SECRET_ACCESS_KEY: fake.awsSecret,
      GITHUB_TOKEN: fake.github,
      SOME_SETTING: fake.slack, // innocent name, credential value
      DATABASE_URL: 'postgres://app:hunter2@db/x',
      HOME: '/root',
      TOKENIZERS_PARALLELISM: 'false',
      PWD: '/work/main',
      UNSET: undefined,
    });
    expect(env).toEqual({
      AWS_SECRET_ACCESS_KEY: REDACTED,
      DATABASE_URL: `postgres://app:${REDACTED}@db/x`,
      GITHUB_TOKEN: REDACTED,
      HOME: '/root',
      PWD: '/work/main',
      SOME_SETTING: REDACTED,
      TOKENIZERS_PARALLELISM: 'false',
    });
    expect(Object.keys(env)).toEqual(Object.keys(env).sort());
    expect(redacted).toEqual(['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'SOME_SETTING']);
  });

  it('keeps allow-listed names verbatim, even with a credential-shaped value', () => {
    expect(redactEntry('GITHUB_TOKEN', fake.github, { allow: ['GITHUB_TOKEN'] })).toEqual({ value: fake.github, reason: null });
    expect(redactEntry('MY_APP_KEY', 'k', { allow: ['my_app_*'] })).toEqual({ value: 'k', reason: null });
  });

  it('redacts deny-listed names and globs, and deny wins over allow', () => {
    expect(redactEntry('INTERNAL_HOST', 'db.internal', { deny: ['INTERNAL_*'] })).toEqual({ value: REDACTED, reason: 'deny' });
    expect(redactEntry('X', 'y', { deny: ['x'], allow: ['X'] }).reason).toBe('deny');
  });

  it('keeps PWD and OLDPWD by default, though "pwd" is a secret word', () => {
    expect(DEFAULT_ALLOW).toEqual(['PWD', 'OLDPWD']);
    expect(redactEntry('OLDPWD', '/home/me').value).toBe('/home/me');
    expect(redactEntry('MYSQL_PWD', 'hunter2').value).toBe(REDACTED);
  });

  it('matches globs case-insensitively with * and ?', () => {
    expect(matchesAny('my_app_debug', ['MY_APP_*'])).toBe(true);
    expect(matchesAny('AB', ['A?'])).toBe(true);
    expect(matchesAny('A.B', ['A?B'])).toBe(true);
    expect(matchesAny('AXB', ['A.B'])).toBe(false);
  });
});

describe('redactArgv', () => {
  it('redacts secret overrides and flags, credential values and URL passwords', () => {
    expect(
      redactArgv([
        'node',
        'train.js',
        'db.password=hunter2',
        '+auth.token=abc',
        '--api-key',
        'abc',
        '--api-key=abc',
        'lr=0.1',
        `hub=${fake.huggingface}`,
        'url=postgres://u:pw@h/x',
        fake.github,
        '--verbose',
      ]),
    ).toEqual([
      'node',
      'train.js',
      `db.password=${REDACTED}`,
      `+auth.token=${REDACTED}`,
      '--api-key',
      REDACTED,
      `--api-key=${REDACTED}`,
      'lr=0.1',
      `hub=${REDACTED}`,
      `url=postgres://u:${REDACTED}@h/x`,
      REDACTED,
      '--verbose',
    ]);
  });

  it('strips the password of a URL that contains a query string', () => {
    expect(redactArgv(['postgres://u:pw@h/x?sslmode=require'])).toEqual([`postgres://u:${REDACTED}@h/x?sslmode=require`]);
  });

  it('does not swallow the next flag after a secret flag', () => {
    expect(redactArgv(['--token', '--dry-run'])).toEqual(['--token', '--dry-run']);
  });
});
