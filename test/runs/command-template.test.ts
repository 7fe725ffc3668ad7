import { describe, expect, it } from 'vitest';
import { loadYamlString } from '../../src/config/load.js';
import type { Node } from '../../src/config/nodes.js';
import { CommandTemplateError, renderCommand, templateData } from '../../src/runs/command-template.js';
import { jobNameFor } from '../../src/cli/run-command.js';

const config = templateData(loadYamlString('optimizer: {name: sgd, lr: 1.0, betas: [0.9, 0.999]}\nseed: 3\neps: 1e-8\nnote: null\nflags: {a: true}\n', 'c.yaml') as Node) as Record<string, unknown>;
const data = { ...config, config, run: { dir: '/out/run', id: 'rid' }, job: { name: 'train', num: 2 } };

describe('renderCommand', () => {
  it('renders each argument over the config and the run context', () => {
    expect(renderCommand(['python', 'train.py', '--lr', '{{optimizer.lr}}', '--out={{run.dir}}', 'seed={{seed}}', '{{job.name}}-{{job.num}}'], data)).toEqual([
      'python',
      'train.py',
      '--lr',
      '1.0',
      '--out=/out/run',
      'seed=3',
      'train-2',
    ]);
  });

  it('writes floats as Python does and containers as JSON', () => {
    expect(renderCommand(['{{eps}}', '{{optimizer.betas}}', '{{flags}}', '{{json optimizer.betas}}'], data)).toEqual(['1e-08', '[0.9, 0.999]', '{"a": true}', '[0.9,0.999]']);
  });

  it('has join, default and block helpers', () => {
    expect(renderCommand(['{{join optimizer.betas ","}}', '{{default missing "x"}}', '{{#each optimizer.betas}}[{{this}}]{{/each}}'], data)).toEqual(['0.9,0.999', 'x', '[0.9][0.999]']);
  });

  it('reaches config keys named like the run context through config.', () => {
    const d = { ...data, run: { dir: '/r', id: 'i' }, config: { run: { name: 'mine' } } };
    expect(renderCommand(['{{config.run.name}}', '{{run.dir}}'], d)).toEqual(['mine', '/r']);
  });

  it('fails on a key that is not there, naming the argument and the closest key', () => {
    expect(() => renderCommand(['python', '--lr', '{{optimizer.lrr}}'], data)).toThrow(CommandTemplateError);
    expect(() => renderCommand(['python', '--lr', '{{optimizer.lrr}}'], data)).toThrow(/argument 3 '\{\{optimizer\.lrr\}\}'.*not in the config/);
    try {
      renderCommand(['{{optimizer.lrr}}'], data);
    } catch (e) {
      expect((e as CommandTemplateError).hint).toBe("did you mean '{{optimizer.lr}}'?");
    }
  });

  it('fails on a bad template', () => {
    expect(() => renderCommand(['{{optimizer.lr'], data)).toThrow(/not a valid template/);
  });

  it('leaves arguments without {{ alone', () => {
    expect(renderCommand(['a b', '}}', '$HOME'], data)).toEqual(['a b', '}}', '$HOME']);
  });
});

describe('jobNameFor', () => {
  it('names the job after the script, else the program', () => {
    expect(jobNameFor(['python', 'scripts/train.py', '--lr', '1'])).toBe('train');
    expect(jobNameFor(['./eval.sh'])).toBe('eval');
    expect(jobNameFor(['make', 'all'])).toBe('make');
    expect(jobNameFor(['python -u fit.py | tee log'])).toBe('fit');
  });
});
