/**
 * Python's `fnmatch.fnmatchcase`, which Hydra's `glob()` sweep uses to pick config group options:
 * `*` matches any run of characters, `?` one character, `[seq]` one character in seq (ranges like
 * `[a-c]`), `[!seq]` one character not in seq; an unclosed `[` is a literal. Case-sensitive.
 */

type GlobToken =
  | { readonly t: 'star' }
  | { readonly t: 'any' }
  | { readonly t: 'lit'; readonly c: number }
  | { readonly t: 'set'; readonly negate: boolean; readonly ranges: readonly (readonly [number, number])[] };

const cache = new Map<string, GlobToken[]>();

function compile(pattern: string): GlobToken[] {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const p = Array.from(pattern, (ch) => ch.codePointAt(0) as number);
  const out: GlobToken[] = [];
  const n = p.length;
  let i = 0;
  while (i < n) {
    const c = p[i++] as number;
    if (c === 42) {
      if (out[out.length - 1]?.t !== 'star') out.push({ t: 'star' });
    } else if (c === 63) out.push({ t: 'any' });
    else if (c === 91) {
      let j = i;
      if (j < n && p[j] === 33) j++;
      if (j < n && p[j] === 93) j++;
      while (j < n && p[j] !== 93) j++;
      if (j >= n) {
        out.push({ t: 'lit', c });
        continue;
      }
      let k = i;
      let negate = false;
      if (p[k] === 33) {
        negate = true;
        k++;
      }
      const ranges: [number, number][] = [];
      while (k < j) {
        const lo = p[k] as number;
        if (p[k + 1] === 45 && k + 2 < j) {
          const hi = p[k + 2] as number;
          if (lo <= hi) ranges.push([lo, hi]);
          k += 3;
        } else {
          ranges.push([lo, lo]);
          k++;
        }
      }
      out.push({ t: 'set', negate, ranges });
      i = j + 1;
    } else out.push({ t: 'lit', c });
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, out);
  return out;
}

function matchesOne(tok: GlobToken, c: number): boolean {
  switch (tok.t) {
    case 'any':
      return true;
    case 'lit':
      return tok.c === c;
    case 'set': {
      let inSet = false;
      for (const [lo, hi] of tok.ranges) {
        if (c >= lo && c <= hi) {
          inSet = true;
          break;
        }
      }
      return inSet !== tok.negate;
    }
    default:
      return false;
  }
}

/** True when `name` matches the whole glob `pattern`. @example fnmatch('school', 's*') === true */
export function fnmatch(name: string, pattern: string): boolean {
  const toks = compile(pattern);
  const s = Array.from(name, (ch) => ch.codePointAt(0) as number);
  let ti = 0;
  let si = 0;
  let starTi = -1;
  let starSi = 0;
  while (si < s.length) {
    const tok = toks[ti];
    if (tok !== undefined && tok.t !== 'star' && matchesOne(tok, s[si] as number)) {
      ti++;
      si++;
    } else if (tok !== undefined && tok.t === 'star') {
      starTi = ti++;
      starSi = si;
    } else if (starTi >= 0) {
      ti = starTi + 1;
      si = ++starSi;
    } else return false;
  }
  while (toks[ti]?.t === 'star') ti++;
  return ti === toks.length;
}

/** Hydra's `Glob.filter`: the names matching any include and no exclude, in the given order. */
export function filterGlob(names: readonly string[], include: readonly string[], exclude: readonly string[]): string[] {
  return names.filter((n) => include.some((g) => fnmatch(n, g)) && !exclude.some((g) => fnmatch(n, g)));
}
