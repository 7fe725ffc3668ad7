// The client against stand-in SLURM commands (small shell scripts first on PATH): the paths a
// live cluster cannot show cheaply — a job slurmctld has forgotten, a missing installation.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arrayStates, cancel, probeCluster, submit } from '../../../src/launch/slurm/client.js';
import { SlurmSubmitError } from '../../../src/launch/slurm/errors.js';

const jobcompFixture = new URL('fixtures/jobcomp.log', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A directory of fake commands: name → shell script body. Returns the env that puts them first on PATH. */
function fakeSlurm(commands: Record<string, string>): { PATH: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tydra-fake-slurm-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(commands)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return { PATH: `${dir}:/usr/bin:/bin`, dir };
}

const forgotten = 'echo "slurm_load_jobs error: Invalid job id specified" >&2; exit 1';

describe('arrayStates without slurmctld memory', () => {
  it('falls back to the jobcomp log it finds in `scontrol show config`', async () => {
    const { PATH } = fakeSlurm({
      scontrol: `if [ "$1" = show ] && [ "$2" = config ]; then
  echo "JobCompLoc              = ${jobcompFixture}"; echo "JobCompType             = jobcomp/filetxt"
else ${forgotten}; fi`,
      squeue: forgotten,
    });
    const states = await arrayStates('1', { size: 6, env: { PATH } });
    expect([...states].map(([t, s]) => `${t}:${s.state}:${s.exitCode}:${s.signal}:${s.source}`)).toEqual([
      '0:COMPLETED:0:null:jobcomp',
      '1:COMPLETED:0:null:jobcomp',
      '2:FAILED:3:null:jobcomp',
      '3:COMPLETED:0:null:jobcomp',
      '4:FAILED:0:9:jobcomp',
      '5:COMPLETED:0:null:jobcomp',
    ]);
  });

  it('reads the jobcomp log it is given, and returns nothing for a job no source knows', async () => {
    const { PATH } = fakeSlurm({ scontrol: forgotten, squeue: forgotten });
    expect((await arrayStates('12', { jobcompLog: jobcompFixture, env: { PATH } })).get(0)?.state).toBe('TIMEOUT');
    expect((await arrayStates('4242', { size: 2, jobcompLog: jobcompFixture, env: { PATH } })).size).toBe(0);
    expect((await arrayStates('12', { jobcompLog: null, env: { PATH } })).size).toBe(0);
  });

  it('asks squeue when scontrol does not name every task', async () => {
    const { PATH } = fakeSlurm({
      scontrol: 'echo "JobId=8 ArrayJobId=7 ArrayTaskId=0 JobState=RUNNING Reason=None ExitCode=0:0"',
      squeue: 'echo "7_1|9|COMPLETED|None"',
    });
    const states = await arrayStates('7', { size: 2, jobcompLog: null, env: { PATH } });
    expect([...states].map(([t, s]) => `${t}:${s.state}:${s.source}`)).toEqual(['0:RUNNING:scontrol', '1:COMPLETED:squeue']);
  });

  it('fails clearly when a query fails for another reason', async () => {
    const { PATH } = fakeSlurm({ scontrol: 'echo "slurm_load_jobs error: Unable to contact slurm controller (connect failure)" >&2; exit 1' });
    await expect(arrayStates('7', { env: { PATH } })).rejects.toThrow(
      'scontrol show job -o 7 failed: slurm_load_jobs error: Unable to contact slurm controller (connect failure)',
    );
  });
});

describe('submit', () => {
  it('returns the job id of a parsable answer', async () => {
    const { PATH } = fakeSlurm({ sbatch: '[ "$1" = --parsable ] && echo "77;tydra"' });
    await expect(submit('/tmp/x.sbatch', { env: { PATH } })).resolves.toEqual({ jobId: '77' });
  });

  it("raises SlurmSubmitError with Slurm's reason and stderr", async () => {
    const { PATH } = fakeSlurm({
      sbatch: 'echo "sbatch: error: Batch job submission failed: Requested node configuration is not available" >&2; exit 1',
    });
    const error = await submit('/tmp/x.sbatch', { env: { PATH } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlurmSubmitError);
    expect(error).toMatchObject({
      message: 'sbatch rejected /tmp/x.sbatch: Requested node configuration is not available',
      reason: 'Requested node configuration is not available',
      exitCode: 1,
    });
    expect((error as SlurmSubmitError).stderr).toContain('sbatch: error:');
  });

  it('gives up on a command that hangs', async () => {
    const { PATH } = fakeSlurm({ sbatch: 'sleep 5' });
    await expect(submit('/tmp/x.sbatch', { env: { PATH }, timeoutMs: 200 })).rejects.toThrow(
      'sbatch --parsable /tmp/x.sbatch: timed out after 200 ms',
    );
  });
});

describe('cancel', () => {
  it('names each array task', async () => {
    const { PATH, dir } = fakeSlurm({ scancel: 'echo "$@" > "$(dirname "$0")/args"' });
    await cancel('42', [3, 5], { env: { PATH } });
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe('42_3 42_5\n');
  });

  it('refuses ids that are not job ids', async () => {
    await expect(cancel('42; rm -rf /')).rejects.toThrow(TypeError);
    await expect(cancel('42', [-1])).rejects.toThrow('not an array task index: -1');
    await expect(arrayStates('42_1')).rejects.toThrow('not a Slurm job id: "42_1"');
  });
});

describe('probeCluster', () => {
  it('says why there is no cluster', async () => {
    const empty = fakeSlurm({});
    expect(await probeCluster({ env: { PATH: empty.dir } })).toEqual({
      available: false,
      reason: 'scontrol: command not found (SLURM is not installed; see scripts/slurm/README.md)',
    });
    // recorded with slurmctld stopped
    const down = fakeSlurm({
      scontrol: 'printf "Slurmctld(primary) at vm is DOWN\\n*****\\n** RESTORE SLURMCTLD DAEMON TO SERVICE **\\n"; exit 1',
    });
    expect(await probeCluster({ env: { PATH: down.PATH } })).toEqual({
      available: false,
      reason: 'scontrol ping: Slurmctld(primary) at vm is DOWN',
    });
    // without /etc/slurm/slurm.conf scontrol retries for a minute
    const unconfigured = fakeSlurm({
      scontrol: 'echo "scontrol: error: s_p_parse_file: cannot stat file /etc/slurm/slurm.conf: No such file or directory, retrying in 1sec up to 60sec" >&2; sleep 5',
    });
    expect(await probeCluster({ env: { PATH: unconfigured.PATH }, timeoutMs: 300 })).toEqual({
      available: false,
      reason:
        'scontrol ping: timed out after 300 ms (scontrol: error: s_p_parse_file: cannot stat file /etc/slurm/slurm.conf: No such file or directory, retrying in 1sec up to 60sec)',
    });
  });

  it('is available when slurmctld is up and sinfo answers', async () => {
    const up = fakeSlurm({ scontrol: 'echo "Slurmctld(primary) at vm is UP"', sinfo: 'echo "debug* up idle"' });
    expect(await probeCluster({ env: { PATH: up.PATH } })).toEqual({ available: true });
  });
});
