/**
 * The files of a run's `.hydra/` dir. Hydra's own (`config.yaml` as authored, `hydra.yaml`,
 * `overrides.yaml`) so Hydra users find what they expect, and tydra's (`config.resolved.yaml`,
 * `choices.yaml`, `git.json` + `git.diff`, `env.json`). Every file is written atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Composition } from '../compose/compose.js';
import { jobTree, resolvedJobTree } from '../compose/compose.js';
import { DictNode, ListNode, type Node, ValueNode } from '../config/nodes.js';
import { toYaml } from '../config/output/to-yaml.js';
import { writeFileAtomic } from './atomic-write.js';
import { captureEnvironment, writeEnvSnapshot } from './env-snapshot.js';
import { captureGit, writeGitSnapshot } from './git-snapshot.js';
import type { RedactionOptions } from './redact.js';
import { computeProvenance, provenanceFile } from '../compose/provenance.js';
import { RUNS_FILES } from './run-files.js';

export const SNAPSHOT_FILES = {
  config: 'config.yaml',
  hydra: 'hydra.yaml',
  overrides: 'overrides.yaml',
  resolved: 'config.resolved.yaml',
  choices: 'choices.yaml',
} as const;

export interface SnapshotOptions {
  /** The `.hydra` dir (absolute). */
  dir: string;
  composition: Composition;
  /** The task overrides (Hydra's `hydra.overrides.task`). */
  taskOverrides: readonly string[];
  argv: readonly string[];
  cwd: string;
  redaction?: RedactionOptions;
  /** Skip git/env capture (attached child processes, tests). */
  skipEnvironment?: boolean;
}

function choicesTree(c: Composition): DictNode {
  const d = new DictNode();
  for (const [k, v] of c.choices) {
    d.entries.set(k, v === null ? new ValueNode('null', null) : Array.isArray(v) ? new ListNode(v.map((x) => new ValueNode('str', x))) : new ValueNode('str', v));
  }
  return d;
}

/** The `hydra` node, resolved where possible (Hydra writes it as authored; run values are set). */
function hydraTree(c: Composition): Node {
  const h = c.root.entries.get('hydra') ?? new DictNode();
  const out = new DictNode();
  out.entries.set('hydra', h);
  return out;
}

/** Write every snapshot file. The resolved config is returned (it was computed anyway). */
export async function writeSnapshots(o: SnapshotOptions): Promise<void> {
  const c = o.composition;
  await fs.promises.mkdir(o.dir, { recursive: true });
  const writes: Promise<unknown>[] = [
    writeFileAtomic(path.join(o.dir, SNAPSHOT_FILES.config), toYaml(jobTree(c))),
    writeFileAtomic(path.join(o.dir, SNAPSHOT_FILES.hydra), toYaml(hydraTree(c))),
    writeFileAtomic(path.join(o.dir, SNAPSHOT_FILES.overrides), toYaml(new ListNode(o.taskOverrides.map((x) => new ValueNode('str', x))))),
    writeFileAtomic(path.join(o.dir, SNAPSHOT_FILES.resolved), toYaml(resolvedJobTree(c))),
    writeFileAtomic(path.join(o.dir, SNAPSHOT_FILES.choices), toYaml(choicesTree(c))),
  ];
  // [runs] provenance.json: where every value came from (src/runs/provenance.ts); never fails a run.
  writes.push(writeProvenance(o.dir, c));
  if (!o.skipEnvironment) {
    writes.push(captureGit(o.cwd).then((g) => writeGitSnapshot(o.dir, g)));
    writes.push(writeEnvSnapshot(o.dir, captureEnvironment({ argv: o.argv, cwd: o.cwd, redaction: o.redaction })));
  }
  await Promise.all(writes);
}

async function writeProvenance(dir: string, c: Composition): Promise<void> {
  try {
    await writeFileAtomic(path.join(dir, RUNS_FILES.provenance), `${JSON.stringify(provenanceFile(computeProvenance(c)), null, 2)}\n`);
  } catch (e) {
    process.emitWarning(`tydra: could not write ${RUNS_FILES.provenance}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
