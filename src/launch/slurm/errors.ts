/** sbatch refused the job (bad partition, impossible resources…); `reason` is Slurm's own words. */
export class SlurmSubmitError extends Error {
  override readonly name = 'SlurmSubmitError';
  readonly code = 'SLURM_SUBMIT_REJECTED';
  constructor(
    readonly scriptPath: string,
    /** e.g. "Invalid partition name specified" */
    readonly reason: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(`sbatch rejected ${scriptPath}: ${reason}`);
  }
}

/** A SLURM command could not be run, timed out, or failed unexpectedly. */
export class SlurmCommandError extends Error {
  override readonly name = 'SlurmCommandError';
  readonly code = 'SLURM_COMMAND_FAILED';
  constructor(
    readonly command: readonly string[],
    message: string,
    readonly stderr = '',
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}

/** An sbatch script option is invalid (caught before anything is submitted). */
export class SbatchOptionError extends Error {
  override readonly name = 'SbatchOptionError';
  readonly code = 'SBATCH_OPTION_INVALID';
  constructor(
    /** the option's name, e.g. "cpus_per_task" or "additional_parameters.mail_type" */
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
  }
}

/** A line of Slurm output that does not have the expected shape. */
export class SlurmParseError extends Error {
  override readonly name = 'SlurmParseError';
  readonly code = 'SLURM_OUTPUT_UNPARSABLE';
  constructor(
    readonly what: string,
    readonly line: string,
  ) {
    super(`cannot parse ${what}: ${JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line)}`);
  }
}
