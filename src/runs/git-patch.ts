/**
 * A `git diff` patch cut into one piece per file, to tell which files' uncommitted changes
 * differ between two runs (or between a run and the work tree now).
 */

/**
 * The patch of each file, by path (the `b/` side, so a rename is named by its new path).
 * @example Object.keys(patchByFile(diff)) // ['src/model.ts', 'conf/config.yaml']
 */
export function patchByFile(patch: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!patch) return out;
  const starts: { index: number; file: string }[] = [];
  // git quotes a name with special or non-ASCII characters C-style: "b/caf\303\251.md".
  const re = /^diff --git (?:"a\/(?:[^"\\]|\\.)*"|a\/.*?) (?:"b\/((?:[^"\\]|\\.)*)"|b\/(.*))$/gm;
  for (let m = re.exec(patch); m; m = re.exec(patch)) {
    starts.push({ index: m.index, file: m[1] !== undefined ? unquoteC(m[1]) : (m[2] as string) });
  }
  starts.forEach((s, i) => out.set(s.file, patch.slice(s.index, starts[i + 1]?.index ?? patch.length)));
  return out;
}

/** A name as git quotes it (`caf\\303\\251.md`, `a\\"b`): escapes undone, octal bytes read as UTF-8. */
function unquoteC(text: string): string {
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = text[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0] as string;
      bytes.push(Number.parseInt(oct, 8));
      i += oct.length;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface PatchComparison {
  /** Files changed only in the first patch. */
  onlyA: string[];
  /** Files changed only in the second patch. */
  onlyB: string[];
  /** Files changed in both, differently. */
  differ: string[];
}

/** Which files' changes differ between two patches (empty lists when the patches are equal). */
export function comparePatches(a: string | undefined, b: string | undefined): PatchComparison {
  const pa = patchByFile(a);
  const pb = patchByFile(b);
  const out: PatchComparison = { onlyA: [], onlyB: [], differ: [] };
  for (const [file, text] of pa) {
    const other = pb.get(file);
    if (other === undefined) out.onlyA.push(file);
    else if (stripIndex(other) !== stripIndex(text)) out.differ.push(file);
  }
  for (const file of pb.keys()) if (!pa.has(file)) out.onlyB.push(file);
  return out;
}

/** `index abc..def` lines name blobs; the same change made twice can differ there only. */
function stripIndex(p: string): string {
  return p.replace(/^index [0-9a-f]+\.\.[0-9a-f]+.*$/m, '');
}
