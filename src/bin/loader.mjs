#!/usr/bin/env node
// The `tydra` bin: loads the bundled CLI (cli-main.cjs) through V8's code cache, kept in the
// OS temp dir per Node version and bundle, so that a start-up does not recompile the CLI.
// Any problem with the cache falls back to a plain require. TYDRA_NO_COMPILE_CACHE=1 disables it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('./cli-main.cjs', import.meta.url));
const require = createRequire(file);

function load() {
  if (process.env.TYDRA_NO_COMPILE_CACHE === '1') return require(file);
  const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const st = fs.statSync(file);
  const dir = path.join(os.tmpdir(), `tydra-compile-cache-${typeof process.getuid === 'function' ? process.getuid() : 'u'}`);
  // One cache per subcommand: it holds the functions that command compiled while it ran.
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const cacheFile = path.join(dir, `${process.version}-${process.arch}-${st.size}-${Math.trunc(st.mtimeMs)}-${command}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {}
  let script;
  try {
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __tydraImport) {${source}\n})`, {
      filename: file,
      cachedData,
    });
  } catch {
    return require(file);
  }
  if (!cachedData || script.cachedDataRejected) {
    // Written once the CLI has run, so the cache also holds the functions it compiled lazily.
    process.once('beforeExit', () => {
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {}
    });
  }
  const module = { exports: {} };
  // The bundle's dynamic imports (lazily loaded commands, chokidar), resolved from its own location.
  const importFromBundle = (specifier) => import(specifier.startsWith('.') ? pathToFileURL(path.resolve(path.dirname(file), specifier)).href : specifier);
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file), importFromBundle);
  return module.exports;
}

load();
