/** The files tydra's run tools add to a run's metadata dir (next to the runtime's snapshots). */
export const RUNS_FILES = {
  /** The run this one reran (written by `tydra runs rerun`). */
  rerun: 'rerun.json',
  /** The command `tydra run` ran, and how it ended. */
  command: 'command.json',
  /** Where every value of the config came from. */
  provenance: 'provenance.json',
} as const;
