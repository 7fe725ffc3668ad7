// Build: the library's type declarations with tsc (dist/**/*.d.ts, and plain .js files that the
// benchmarks import), the `tydra` bin and the library entries as esbuild bundles, and the examples.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

// The `yaml` package is only the fallback parser (src/config/yaml/slow.ts) for files outside the
// fast path and for errors. The bin does not bundle it: a small proxy requires it from
// node_modules on first use, so `tydra compose` neither loads nor compiles it otherwise.
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'lazy-yaml' ? { path: 'yaml', external: true } : { path: 'yaml', namespace: 'lazy-yaml' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      contents: [
        'let y;',
        "const Y = () => (y ??= require('yaml'));",
        ...['parseDocument', 'isAlias', 'isMap', 'isScalar', 'isSeq'].map((f) => `export const ${f} = (...a) => Y().${f}(...a);`),
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const quick = process.argv.includes('--bin-only');
if (!quick) {
  rmSync('dist', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The examples import 'tydra' by name (the package refers to itself through its exports).
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'conf-examples/ml-train/tsconfig.json'], { stdio: 'inherit' });
}
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: !process.env.TYDRA_NO_MINIFY,
  sourcemap: 'linked',
  // zod, chokidar and handlebars stay external: an app's zod schemas must be checked by the very
  // zod the app imports, and the other two load only when their feature is used.
  external: ['zod', 'chokidar', 'handlebars'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
};

// The commands of the `tydra` bin that are not on the start-up-critical path. They are built
// with the library (below) and loaded from dist/commands/ when used.
const RARE_COMMANDS = ['collect-command', 'schema-command', 'types-command', 'runs-command', 'run-command'];
const rareCommands = {
  name: 'rare-commands',
  setup(b) {
    const filter = new RegExp(`^\\./(${RARE_COMMANDS.join('|')})\\.js$`);
    b.onResolve({ filter }, (args) => ({ path: `./commands/${args.path.slice(2)}`, external: true }));
  },
};

// 1. The bin: one CommonJS file, loaded by a small loader (src/bin/loader.mjs) through V8's code
//    cache, so that `tydra compose` and `tydra sweep` neither resolve many modules nor recompile
//    the CLI at every start-up.
await build({
  ...common,
  entryPoints: { 'cli-main': 'src/cli.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  format: 'cjs',
  banner: {},
  splitting: false,
  plugins: [lazyYaml, rareCommands],
});
// In a script compiled by vm.Script, Node 20 cannot run `import()` (it needs
// --experimental-vm-modules): the loader passes its own `__tydraImport`; a plain require of the
// bundle falls back to the real `import()`.
{
  const bundle = readFileSync('dist/cli-main.cjs', 'utf8');
  const rewritten = bundle.replace(/(?<![\w$.])import\(/g, '__tydraImportOr(');
  const prelude = 'var __tydraImportOr=typeof __tydraImport=="function"?__tydraImport:(s)=>import(s);';
  writeFileSync('dist/cli-main.cjs', rewritten.replace(/^(#!.*\n)?("use strict";)?/, (m) => m + prelude));
}
copyFileSync('src/bin/loader.mjs', 'dist/cli.js');
chmodSync('dist/cli.js', 0o755);

// 2. The library entries and the rare commands, with shared chunks and lazily loaded modes.
await build({
  ...common,
  entryPoints: {
    index: 'src/index.ts',
    'schema-fields': 'src/schema-fields.ts',
    ...Object.fromEntries(RARE_COMMANDS.map((c) => [`commands/${c}`, `src/cli/${c}.ts`])),
  },
  outdir: 'dist',
  entryNames: '[dir]/[name]',
  outbase: '.',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  plugins: [lazyYaml],
});
