import { describe, expect, it } from 'vitest';
import { sbatchFlags } from '../../../src/launch/slurm/sbatch-script.js';
import { SUBMITIT_OPTION_MAP, sbatchOptionsFromSubmitit } from '../../../src/launch/slurm/submitit-options.js';

const shape = { command: ['node', 'app.js'], jobs: 6, output: 'logs/%A_%a.out', error: 'logs/%A_%a.err' };

describe('SUBMITIT_OPTION_MAP', () => {
  it("lists every option of Hydra's submitit SLURM launcher once", () => {
    const names = SUBMITIT_OPTION_MAP.map((m) => m.submitit);
    expect(new Set(names).size).toBe(names.length);
    for (const name of [
      'timeout_min', 'cpus_per_task', 'gpus_per_node', 'tasks_per_node', 'mem_gb', 'nodes', 'name', 'partition',
      'qos', 'comment', 'constraint', 'exclude', 'gres', 'cpus_per_gpu', 'gpus_per_task', 'mem_per_gpu',
      'mem_per_cpu', 'account', 'signal_delay_s', 'array_parallelism', 'additional_parameters', 'setup',
      'srun_args', 'stderr_to_stdout',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('says the flag each option really becomes', () => {
    const everything = sbatchOptionsFromSubmitit(
      {
        timeout_min: 5, cpus_per_task: 1, gpus_per_node: 1, tasks_per_node: 1, mem_gb: 1, nodes: 1, name: 'n',
        partition: 'p', qos: 'q', comment: 'c', constraint: 'k', exclude: 'e', gres: 'gpu:1', cpus_per_gpu: 1,
        gpus_per_task: 1, mem_per_gpu: '1G', mem_per_cpu: '1G', account: 'a', signal_delay_s: 60, array_parallelism: 2,
      },
      shape,
    );
    const flags = sbatchFlags(everything);
    for (const m of SUBMITIT_OPTION_MAP) {
      if (m.sbatch === null || m.sbatch.includes('<')) continue;
      expect(flags.has(m.sbatch.slice(2)), `${m.submitit} → ${m.sbatch}`).toBe(true);
    }
  });
});

describe('sbatchOptionsFromSubmitit', () => {
  it('converts launcher settings, leaving out unset ones', () => {
    expect(
      sbatchOptionsFromSubmitit(
        { timeout_min: 60, cpus_per_task: null, name: 'train', array_parallelism: 2, signal_delay_s: 120, partition: null },
        shape,
      ),
    ).toEqual({
      command: ['node', 'app.js'],
      job_name: 'train',
      time: 60,
      array: { size: 6, parallelism: 2 },
      output: 'logs/%A_%a.out',
      error: 'logs/%A_%a.err',
      signal: 'B:USR2@120',
    });
  });

  it('signals job steps, not the batch shell, when the command runs through srun', () => {
    const options = sbatchOptionsFromSubmitit({ signal_delay_s: 90, srun_args: ['--cpu-bind=none'] }, shape);
    expect(options).toMatchObject({ signal: 'USR2@90', srun_args: ['--cpu-bind=none'] });
  });

  it('sends stderr to the output file with stderr_to_stdout', () => {
    expect(sbatchOptionsFromSubmitit({ stderr_to_stdout: true }, shape).error).toBeUndefined();
  });
});
