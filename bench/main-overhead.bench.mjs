// The overhead of main() over a bare Node script: the same trivial task run bare, and wrapped by
// main() (compose, run dir, .hydra snapshots incl. git and env capture, log file, run.json).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { table, timeCommands } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tydra-bench-main-'));
fs.mkdirSync(path.join(dir, 'conf', 'model'), { recursive: true });
fs.mkdirSync(path.join(dir, 'node_modules'));
fs.symlinkSync(root, path.join(dir, 'node_modules', 'tydra'));
fs.writeFileSync(path.join(dir, 'conf', 'config.yaml'), 'defaults:\n  - model: mlp\n  - _self_\nseed: 0\nlr: 0.1\n');
fs.writeFileSync(path.join(dir, 'conf', 'model', 'mlp.yaml'), 'hidden: 16\nlayers: [16, 16]\n');
fs.writeFileSync(path.join(dir, 'bare.mjs'), 'const cfg = { seed: 0, lr: 0.1 };\nconsole.log(cfg.lr * 2);\n');
fs.writeFileSync(
  path.join(dir, 'app.mjs'),
  "import { main } from 'tydra';\nmain({ configPath: 'conf', configName: 'config', name: 'app' }, (cfg) => { console.log(cfg.lr * 2); return { ok: true }; });\n",
);
const node = process.execPath;
const [floor, bare, app, cfgOnly] = timeCommands(
  [
    [node, '-e', '0'],
    [node, path.join(dir, 'bare.mjs')],
    [node, path.join(dir, 'app.mjs'), `hydra.run.dir=${path.join(dir, 'outputs', 'run')}`],
    [node, path.join(dir, 'app.mjs'), '--cfg', 'job'],
  ],
  { rounds: 15 },
);
fs.rmSync(dir, { recursive: true, force: true });
const ms = (x) => `${x.toFixed(1)} ms`;
console.log('## main() overhead over a bare script (wall time, median of 15 interleaved rounds)\n');
console.log(
  table(
    ['command', 'median', 'overhead vs bare'],
    [
      ['`node -e 0`', ms(floor), ''],
      ['bare script', ms(bare), ''],
      ['app wrapped by main() (run dir + all snapshots)', ms(app), `+${(app - bare).toFixed(1)} ms`],
      ['same app, `--cfg job` (compose only)', ms(cfgOnly), `+${(cfgOnly - bare).toFixed(1)} ms`],
    ],
  ),
);
console.log();
