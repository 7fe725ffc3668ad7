/**
 * Choosing a launcher as Hydra does, by the `_target_` of `hydra.launcher` (set by the
 * `hydra/launcher` group: `basic`, `local`, `slurm`). Hydra's own targets are understood too, so a
 * Python conf tree that selects the joblib or submitit launcher runs on the matching tydra one.
 */
import { TydraError } from '../errors.js';
import { BasicLauncher } from './basic.js';
import { LocalLauncher, type LocalLauncherOptions } from './local.js';
import { SlurmLauncher, type SlurmLauncherOptions } from './slurm/launcher.js';
import type { LaunchContext, Launcher } from './types.js';

export type LauncherKind = 'basic' | 'local' | 'slurm';

const TARGETS: Record<string, LauncherKind> = {
  'tydra.launchers.basic': 'basic',
  'tydra.launchers.local': 'local',
  'tydra.launchers.slurm': 'slurm',
  'hydra._internal.core_plugins.basic_launcher.BasicLauncher': 'basic',
  'hydra_plugins.hydra_joblib_launcher.joblib_launcher.JoblibLauncher': 'local',
  'hydra_plugins.hydra_submitit_launcher.submitit_launcher.SlurmLauncher': 'slurm',
  'hydra_plugins.hydra_submitit_launcher.submitit_launcher.LocalLauncher': 'local',
};

/** The launcher kind a `hydra.launcher._target_` names. */
export function launcherKind(target: unknown): LauncherKind {
  if (target === undefined || target === null) return 'basic';
  const kind = typeof target === 'string' ? TARGETS[target] : undefined;
  if (!kind) {
    throw new TydraError(`Unknown launcher '${String(target)}' in hydra.launcher._target_`, {
      hint: 'choose one with hydra/launcher=basic|local|slurm',
    });
  }
  return kind;
}

/** Build the launcher for `hydra.launcher` (its resolved options). */
export function createLauncher(kind: LauncherKind, options: Record<string, unknown>, ctx: LaunchContext): Launcher {
  switch (kind) {
    case 'basic':
      return new BasicLauncher(ctx);
    case 'local':
      return new LocalLauncher(ctx, options as LocalLauncherOptions);
    case 'slurm':
      return new SlurmLauncher(ctx, options as SlurmLauncherOptions);
  }
}

export type { JobEvent, LaunchContext, LaunchControl, Launcher } from './types.js';
export { BasicLauncher } from './basic.js';
export { LocalLauncher } from './local.js';
export { SlurmLauncher } from './slurm/launcher.js';
