/**
 * Built-in resolvers beyond what the OmegaConf differential cases cover: Hydra's `now` and
 * `hydra`, where `oc.env` reads from, where `oc.deprecated` warns, and `oc.create` of YAML text.
 */
import { describe, expect, it } from 'vitest';
import { ResolverError } from '../../../src/config/errors.js';
import { Resolution } from '../../../src/config/interpolation/resolve.js';
import { nodeRepr } from '../../../src/config/repr.js';
import { builtinResolvers } from '../../../src/config/resolvers/builtins.js';
import { errorAt, repr, resolution, value, yaml } from '../helpers.js';

describe('now (Hydra)', () => {
  const now = new Date(2024, 2, 5, 7, 8, 9, 250);
  it('formats the frozen time of the resolution with Python strftime', () => {
    expect(value(yaml('d: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}'), 'd', { now })).toBe('outputs/2024-03-05/07-08-09');
    expect(value(yaml("t: '${now:%f}'"), 't', { now })).toBe('250000');
  });
  it('gives the same value for the same pattern everywhere (it is cached)', () => {
    const res = new Resolution(yaml('a: ${now:%s%f}\nb: ${now:%s%f}'), { resolvers: builtinResolvers });
    const out = res.toPlain({ node: res.root, path: [], final: false }) as { a: string; b: string };
    expect(out.a).toBe(out.b);
  });
  it('needs a pattern, as Hydra does', () => {
    expect(errorAt(yaml('a: ${now:}'), 'a', ResolverError).reason).toContain("missing the argument 'pattern'");
    errorAt(yaml('a: ${now:5}'), 'a', ResolverError);
  });
});

describe('hydra (Hydra)', () => {
  const cfg = yaml(`
hydra:
  job: {name: train, num: '???'}
  runtime:
    choices: {db: mysql}
  run: {dir: 'out/\${hydra:job.name}'}
a: \${hydra:job.name}
b: \${hydra:runtime.choices.db}
c: \${hydra:job.nope}
d: \${hydra:job.num}
e: \${hydra:run.dir}
f: \${hydra:runtime}
`);
  it.each([
    ['a', "'train'"],
    ['b', "'mysql'"],
    ['c', 'None'],
    ['d', 'None'],
    ['e', "'out/train'"],
    ['f', "{'choices': {'db': 'mysql'}}"],
  ])('${hydra:...} at %s is %s', (key, expected) => {
    expect(repr(cfg, key)).toBe(expected);
  });
  it('fails when there is no hydra node', () => {
    expect(errorAt(yaml('a: ${hydra:job.name}'), 'a', ResolverError).reason).toContain('HydraConfig was not set');
  });
});

describe('oc.env', () => {
  it('reads the environment given to the resolution, and process.env by default', () => {
    expect(value(yaml('a: ${oc.env:USER}'), 'a', { env: { USER: 'grace' } })).toBe('grace');
    process.env.TYDRA_TEST_ENV_VAR = 'from-process';
    try {
      const res = new Resolution(yaml('a: ${oc.env:TYDRA_TEST_ENV_VAR}'), { resolvers: builtinResolvers });
      expect(nodeRepr(res.get(['a']))).toBe("'from-process'");
    } finally {
      delete process.env.TYDRA_TEST_ENV_VAR;
    }
  });
});

describe('oc.deprecated', () => {
  it('sends its warning to the warn option', () => {
    const warnings: string[] = [];
    expect(value(yaml('old: ${oc.deprecated:new}\nnew: 1'), 'old', { warn: (m) => warnings.push(m) })).toBe(1);
    expect(warnings).toEqual(["'old' is deprecated. Change your code and config to use 'new'"]);
  });
  it('substitutes ${OLD_KEY} and $$ like Python string.Template', () => {
    const warnings: string[] = [];
    value(yaml('old: \'${oc.deprecated:new,"\\${OLD_KEY} -> $NEW_KEY costs $$1"}\'\nnew: 1'), 'old', { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual(['old -> new costs $1']);
  });
});

describe('oc.create', () => {
  it('parses YAML text into a node whose interpolations resolve where it lives', () => {
    const cfg = yaml("x: 1\nm: \"${oc.create:'a: \\\\${..x}'}\"");
    expect(repr(cfg, 'm')).toBe("{'a': 1}");
  });
});

describe('resolution helpers', () => {
  it('resolves a config that uses every built-in at once', () => {
    const cfg = yaml(`
hydra: {job: {name: app}}
workers: {w1: 10.0.0.1, w2: 10.0.0.2}
names: \${oc.dict.keys:workers}
ips: \${oc.dict.values:workers}
port: \${oc.decode:'8080'}
home: \${oc.env:HOME}
maybe: \${oc.select:nope,default}
made: '\${oc.create:{k: v}}'
job: \${hydra:job.name}
stamp: \${now:%Y}
`);
    expect(nodeRepr(resolution(cfg).resolveTree())).toBe(
      "{'hydra': {'job': {'name': 'app'}}, 'workers': {'w1': '10.0.0.1', 'w2': '10.0.0.2'}, 'names': ['w1', 'w2'], 'ips': ['10.0.0.1', '10.0.0.2'], 'port': 8080, 'home': '/home/ada', 'maybe': 'default', 'made': {'k': 'v'}, 'job': 'app', 'stamp': '2024'}",
    );
  });
});
