import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mergeTaskStates, missingTasks, type StateLayer, withVanishedTasks } from './array-states.js';
import { SlurmCommandError, SlurmSubmitError } from './errors.js';
import type { TaskState } from './job-state.js';
import { parseJobcompLog } from './parse-jobcomp.js';
import { parseSubmitOutput, submitFailureReason } from './parse-sbatch.js';
import { parseScontrolConfig, parseScontrolJobs } from './parse-scontrol.js';
import { parseSqueue, SQUEUE_FORMAT } from './parse-squeue.js';

/** How SLURM commands are run. */
export interface SlurmCommandOptions {
  /** working directory of the command (for sbatch: where relative `--output` paths land); default: the process's */
  readonly cwd?: string;
  /** variables added to the process's environment (sbatch passes them on to the job) */
  readonly env?: Readonly<Record<string, string>>;
  /** give up on a command after this long; default 30 000 ms (sbatch waits for slurmctld's answer) */
  readonly timeoutMs?: number;
}

export interface ArrayStatesOptions extends SlurmCommandOptions {
  /**
   * Number of tasks submitted (0…size-1). With it, tasks that every source has forgotten while the
   * array is still known count as CANCELLED (a pending task cancelled on its own vanishes), and the
   * slower sources are asked only while some task is unaccounted for.
   */
  readonly size?: number;
  /**
   * The jobcomp text log, read for jobs slurmctld has forgotten (MinJobAge). undefined: ask
   * `scontrol show config` (used when JobCompType is jobcomp/filetxt); null: never read it.
   */
  readonly jobcompLog?: string | null;
}

interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** null when the command was killed */
  readonly exitCode: number | null;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Submit a batch script. Resolves with the job id (for an array, the array's id); rejects with
 * {@link SlurmSubmitError} when sbatch refuses the job.
 *
 * `const { jobId } = await submit('/tmp/run/array.sbatch', { cwd: '/tmp/run' })`
 */
export async function submit(scriptPath: string, options: SlurmCommandOptions = {}): Promise<{ jobId: string }> {
  const result = await run('sbatch', ['--parsable', scriptPath], options);
  if (result.exitCode !== 0) {
    throw new SlurmSubmitError(scriptPath, submitFailureReason(result.stderr), result.stderr, result.exitCode);
  }
  return { jobId: parseSubmitOutput(result.stdout) };
}

/**
 * The state of every task of array job `jobId`, without slurmdbd: `scontrol show job` first (all
 * jobs of the last MinJobAge seconds), then `squeue -t all`, then the jobcomp text log for jobs
 * slurmctld has forgotten. A plain job comes back as task 0. Empty when no source knows the job.
 *
 * `const states = await arrayStates('42', { size: 6 }); states.get(2)` → `{ state: 'FAILED', exitCode: 3, … }`
 */
export async function arrayStates(jobId: string, options: ArrayStatesOptions = {}): Promise<Map<number, TaskState>> {
  assertJobId(jobId);
  const { size } = options;
  const layers: StateLayer[] = [];
  const done = () => {
    const states = mergeTaskStates(jobId, layers, size);
    return size === undefined ? states.size > 0 : missingTasks(states, size).length === 0;
  };

  const shown = await knownJobOutput('scontrol', ['show', 'job', '-o', jobId], options);
  layers.push({ source: 'scontrol', records: parseScontrolJobs(shown) });
  if (!done()) {
    const out = await knownJobOutput('squeue', ['-h', '-t', 'all', '-j', jobId, '-o', SQUEUE_FORMAT], options);
    layers.push({ source: 'squeue', records: parseSqueue(out) });
  }
  if (!done()) {
    const log = options.jobcompLog === undefined ? await jobcompLogPath(options) : options.jobcompLog;
    if (log !== null) layers.push({ source: 'jobcomp', records: parseJobcompLog(await readOrEmpty(log), jobId) });
  }
  const states = mergeTaskStates(jobId, layers, size);
  return size === undefined ? states : withVanishedTasks(states, size);
}

/**
 * Cancel a job, or only some of its array tasks. Jobs that already ended (or that Slurm has
 * forgotten) are left as they are: scancel reports those on stderr but exits 0.
 *
 * `await cancel('42', [3, 5])` runs `scancel 42_3 42_5`
 */
export async function cancel(
  jobId: string,
  taskIndices?: readonly number[],
  options: SlurmCommandOptions = {},
): Promise<void> {
  assertJobId(jobId);
  if (taskIndices?.length === 0) return;
  const ids = taskIndices?.map((task) => {
    if (!Number.isInteger(task) || task < 0) throw new TypeError(`not an array task index: ${task}`);
    return `${jobId}_${task}`;
  }) ?? [jobId];
  const result = await run('scancel', ids, options);
  if (result.exitCode !== 0) throw commandFailed(['scancel', ...ids], result);
}

/** Whether a SLURM cluster answers here: slurmctld is up (`scontrol ping`) and `sinfo` works. */
export async function clusterAvailable(options: SlurmCommandOptions = {}): Promise<boolean> {
  return (await probeCluster(options)).available;
}

/**
 * Like {@link clusterAvailable}, with the reason when it is not, for messages such as a test's
 * skip reason: `{ available: false, reason: 'scontrol ping: Slurmctld(primary) at vm is DOWN' }`.
 * Asks `scontrol ping` first: it answers at once when slurmctld is down, where sinfo retries for
 * ~9 s. `timeoutMs` defaults to 5 000 here (without a config file scontrol retries for a minute).
 */
export async function probeCluster(
  options: SlurmCommandOptions = {},
): Promise<{ available: true } | { available: false; reason: string }> {
  const opts = { ...options, timeoutMs: options.timeoutMs ?? 5_000 };
  try {
    const ping = await run('scontrol', ['ping'], opts);
    if (ping.exitCode !== 0 || !/ is UP/.test(ping.stdout)) {
      const said = `${ping.stdout}\n${ping.stderr}`.split('\n').find((l) => /DOWN|error/i.test(l))?.trim();
      return { available: false, reason: `scontrol ping: ${said ?? `exit status ${ping.exitCode}`}` };
    }
    const sinfo = await run('sinfo', ['-h', '-o', '%P %a %T'], opts);
    if (sinfo.exitCode === 0) return { available: true };
    return { available: false, reason: `sinfo failed: ${lastLine(sinfo.stderr) || `exit status ${sinfo.exitCode}`}` };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function assertJobId(jobId: string): void {
  if (!/^\d+$/.test(jobId)) throw new TypeError(`not a Slurm job id: ${JSON.stringify(jobId)}`);
}

/** Output of a query that exits 1 with "Invalid job id specified" for a job slurmctld does not know. */
async function knownJobOutput(command: string, args: string[], options: SlurmCommandOptions): Promise<string> {
  const result = await run(command, args, options);
  if (result.exitCode === 0) return result.stdout;
  if (/Invalid job id specified/i.test(result.stderr)) return '';
  throw commandFailed([command, ...args], result);
}

async function jobcompLogPath(options: SlurmCommandOptions): Promise<string | null> {
  const result = await run('scontrol', ['show', 'config'], options);
  if (result.exitCode !== 0) return null;
  const config = parseScontrolConfig(result.stdout);
  const location = config.get('JobCompLoc');
  return config.get('JobCompType') === 'jobcomp/filetxt' && location?.startsWith('/') ? location : null;
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return '';
    throw error;
  }
}

/** Run a SLURM command; resolves with its exit status unless it cannot be started or times out. */
function run(command: string, args: readonly string[], options: SlurmCommandOptions): Promise<CommandResult> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ? { ...process.env, ...options.env } : process.env,
        timeout,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ stdout, stderr, exitCode: 0 });
        const argv = [command, ...args];
        if (error.code === 'ENOENT') {
          return reject(
            new SlurmCommandError(argv, `${command}: command not found (SLURM is not installed; see scripts/slurm/README.md)`),
          );
        }
        if (error.killed || error.signal) {
          const why = error.killed ? `timed out after ${timeout} ms` : `killed by ${error.signal}`;
          const said = stderr.trim().split('\n')[0]?.trim();
          return reject(new SlurmCommandError(argv, `${argv.join(' ')}: ${why}${said ? ` (${said})` : ''}`, stderr));
        }
        if (typeof error.code === 'number') return resolve({ stdout, stderr, exitCode: error.code });
        reject(new SlurmCommandError(argv, `${argv.join(' ')}: ${error.message}`, stderr));
      },
    );
  });
}

function commandFailed(argv: readonly string[], result: CommandResult): SlurmCommandError {
  const detail = lastLine(result.stderr) || `exit status ${result.exitCode}`;
  return new SlurmCommandError(argv, `${argv.join(' ')} failed: ${detail}`, result.stderr, result.exitCode);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}
