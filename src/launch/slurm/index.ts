export { type JobIdSpec, type TaskRange, expandTaskRange, parseJobIdSpec } from './array-range.js';
export { mergeTaskStates, missingTasks, type StateLayer, withVanishedTasks } from './array-states.js';
export {
  type ArrayStatesOptions,
  arrayStates,
  cancel,
  clusterAvailable,
  probeCluster,
  type SlurmCommandOptions,
  submit,
} from './client.js';
export { SbatchOptionError, SlurmCommandError, SlurmParseError, SlurmSubmitError } from './errors.js';
export type { SlurmJobRecord } from './job-record.js';
export {
  isTerminal,
  parseExitCode,
  SLURM_JOB_STATES,
  type SlurmJobState,
  type TaskState,
  type TaskStateSource,
  toJobState,
} from './job-state.js';
export { parseKeyValueLine } from './key-value-line.js';
export { parseJobcompLog } from './parse-jobcomp.js';
export { parseSubmitOutput, submitFailureReason } from './parse-sbatch.js';
export { parseScontrolConfig, parseScontrolJobs } from './parse-scontrol.js';
export { parseSqueue, SQUEUE_FORMAT } from './parse-squeue.js';
export {
  ARRAY_TASK_ID,
  type CommandArg,
  type EnvRef,
  renderSbatchScript,
  type SbatchFlagValue,
  type SbatchScriptOptions,
  sbatchFlags,
  shellQuote,
} from './sbatch-script.js';
export {
  SUBMITIT_OPTION_MAP,
  type SubmititJobShape,
  type SubmititOptionMapping,
  type SubmititSlurmParams,
  sbatchOptionsFromSubmitit,
} from './submitit-options.js';
