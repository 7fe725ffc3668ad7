import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeCommand } from '../../src/cli/compose-command.js';
import { composeTree } from '../../src/compose/compose.js';
import { main } from '../../src/runtime/main.js';
import { type KeyProvenance, type ProvenanceFile, computeProvenance, formatProvenance } from '../../src/compose/provenance.js';
import { FIXTURE_CONF, runFixtureApp, tempDir } from '../runs/helpers.js';

function provenance(overrides: string[]): Map<string, KeyProvenance> {
  const c = composeTree({ configDir: FIXTURE_CONF, configName: 'config', overrides });
  return new Map(computeProvenance(c).map((k) => [k.key, k]));
}

describe('provenance of every key', () => {
  it('gives the file and line of a value and the defaults entry that brought the file in', () => {
    const p = provenance([]).get('db.driver');
    expect(p?.value).toBe('sqlite');
    expect(p?.source).toMatchObject({ kind: 'file', config: 'db/sqlite', line: 1, col: 9, text: 'db/sqlite.yaml:1:9' });
    expect(p?.source?.file).toBe(path.join(FIXTURE_CONF, 'db/sqlite.yaml'));
    expect(p?.defaults).toEqual({ config: 'db/sqlite', package: 'db', parent: 'config', entry: 'db: sqlite', at: 'config.yaml:4:9', chosenBy: null });
    expect(p?.override).toBeNull();
  });

  it('names the command-line override that set a value, and the value it replaced', () => {
    const p = provenance(['model.lr=0.5']).get('model.lr');
    expect(p?.value).toBe(0.5);
    expect(p?.override).toBe('model.lr=0.5');
    expect(p?.source?.text).toBe('override model.lr=0.5');
    expect(p?.history).toEqual([{ value: '0.1', from: 'model/small.yaml:2:5' }]);
    expect(p?.defaults?.entry).toBe('model: small');
  });

  it('says what chose a group option: a command-line override or an override entry of another config', () => {
    expect(provenance(['db=postgres']).get('db.port')?.defaults?.chosenBy).toBe('override db=postgres');
    const fast = provenance(['+experiment=fast']);
    expect(fast.get('model.name')?.value).toBe('big');
    expect(fast.get('model.name')?.defaults?.chosenBy).toMatch(/^experiment\/fast\.yaml:3:\d+ \(override model: big\)$/);
    expect(fast.get('seed')).toMatchObject({ value: 7, history: [{ value: '1', from: 'config.yaml:8:7' }] });
    expect(fast.get('seed')?.defaults).toMatchObject({ config: 'experiment/fast', entry: 'experiment: fast', at: 'override +experiment=fast' });
  });

  it('follows an interpolation to where the value it points at was set', () => {
    const p = provenance(['model.lr=0.3']).get('lr_alias');
    expect(p?.value).toBe(0.3);
    expect(p?.interpolation).toEqual({ expression: '${model.lr}', at: 'config.yaml:9:11', target: 'model.lr' });
    expect(p?.override).toBe('model.lr=0.3');
  });

  it('keeps a value it cannot resolve, with the reason', () => {
    const p = provenance(['+broken=${model.nope}']).get('broken');
    expect(p?.value).toBe('${model.nope}');
    expect(p?.interpolation?.expression).toBe('${model.nope}');
    expect(p?.override).toBe('+broken=${model.nope}');
    expect(p?.error).toMatch(/model\.nope/);
  });

  it('prints one line per key', () => {
    const c = composeTree({ configDir: FIXTURE_CONF, configName: 'config', overrides: ['model.lr=0.5'] });
    const text = formatProvenance(computeProvenance(c));
    expect(text).toMatch(/^model\.lr = 0\.5 +override model\.lr=0\.5 \(replaced 0\.1 from model\/small\.yaml:2:5\) ← defaults `model: small` at config\.yaml:5:12$/m);
    expect(text).toMatch(/^db\.driver = sqlite +db\/sqlite\.yaml:1:9 ← defaults `db: sqlite` at config\.yaml:4:9$/m);
    expect(text).toMatch(/^seed = 1 +config\.yaml:8:7 ← primary config$/m);
  });

  it('is saved as .hydra/provenance.json in each run, resolved with the run dir', async () => {
    const cwd = tempDir();
    await runFixtureApp(cwd, ['model.lr=0.25']);
    const [date] = fs.readdirSync(path.join(cwd, 'outputs'));
    const [time] = fs.readdirSync(path.join(cwd, 'outputs', date as string));
    const runDir = path.join(cwd, 'outputs', date as string, time as string);
    const saved = JSON.parse(fs.readFileSync(path.join(runDir, '.hydra', 'provenance.json'), 'utf8')) as ProvenanceFile;
    expect(saved.version).toBe(1);
    expect(saved.keys['model.lr']).toMatchObject({ value: 0.25, override: 'model.lr=0.25' });
    expect(saved.keys.out).toMatchObject({ value: runDir });
    expect(saved.keys.out?.error).toBeUndefined();
    expect(Object.keys(saved.keys)).not.toContain('hydra.run.dir');
  });

  it('is printed by --info provenance in an app and by tydra compose --provenance', async () => {
    let printed = '';
    await main({ configPath: FIXTURE_CONF, configName: 'config', argv: ['--info', 'provenance', '-p', 'model', 'model.lr=0.4'], print: (s) => (printed += s) }, () => undefined);
    expect(printed).toMatch(/^Provenance\n\*{10}\nmodel\.name = small +model\/small\.yaml:1:7 /);
    expect(printed).toContain('model.lr = 0.4');
    expect(printed).not.toContain('db.driver');
    let out = '';
    await composeCommand(['-cd', FIXTURE_CONF, '-cn', 'config', '--provenance', '--format', 'json', 'db=postgres'], (s) => (out += s));
    const file = JSON.parse(out) as ProvenanceFile;
    expect(file.keys['db.port']).toMatchObject({ value: 5432, defaults: { chosenBy: 'override db=postgres' } });
  });
});
