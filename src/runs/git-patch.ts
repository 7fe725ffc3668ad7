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
  const re = /^diff --git a\/(.*?) b\/(.*)$/gm;
  for (let m = re.exec(patch); m; m = re.exec(patch)) starts.push({ index: m.index, file: m[2] as string });
  starts.forEach((s, i) => out.set(s.file, patch.slice(s.index, starts[i + 1]?.index ?? patch.length)));
  return out;
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
