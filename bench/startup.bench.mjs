// Cold start of the `tydra` bin against the Node floor (`node -e 0`), side by side:
// `tydra compose --resolve` of the 97-file tree of conformance case 238, and `tydra sweep` of the
// same case (24 jobs). Targets (issue 3): compose within 1.6x the floor, sweep within 2.5x.
import fs from 'node:fs';
import path from 'node:path';
import { table, timeCommands } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const conf = path.resolve(root, '../shared/conformance/cases/238-big-generated-deep-sweep/conf');
if (!fs.existsSync(conf)) {
  console.log('## Start-up\n\n(skipped: ../shared/conformance is not present)\n');
  process.exit(0);
}
const node = process.execPath;
const cli = path.join(root, 'dist/cli.js');
const cmds = [
  [node, '-e', '0'],
  [node, cli, 'compose', '--config-dir', conf, '--config-name', 'config', '--resolve', '--format', 'json'],
  [node, cli, 'sweep', '--config-dir', conf, '--config-name', 'config', '--format', 'json', 'g0=opt0,opt1,opt2', 'g3/sub=glob(*)', 'g4.weight=0.1,0.2'],
  [node, cli, 'sweep', '--config-dir', conf, '--config-name', 'config', '--count', 'g0=range(1000)', 'g4.weight=range(1000)'],
];
const [floor, compose, sweep, count] = timeCommands(cmds, { rounds: 21 });
const r = (x) => `${x.toFixed(1)} ms`;
const x = (v) => `${(v / floor).toFixed(2)}x`;
console.log('## Start-up (wall time, median of 21 interleaved rounds)\n');
console.log(
  table(
    ['command', 'median', 'vs `node -e 0`', 'target'],
    [
      ['`node -e 0` (the floor)', r(floor), '1.00x', ''],
      ['`tydra compose --resolve` (case 238, 97 files)', r(compose), x(compose), '≤ 1.6x'],
      ['`tydra sweep` (case 238, 24 jobs)', r(sweep), x(sweep), '≤ 2.5x'],
      ['`tydra sweep --count` (1,000,000 jobs)', r(count), x(count), ''],
    ],
  ),
);
console.log();
