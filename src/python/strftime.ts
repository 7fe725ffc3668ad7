/**
 * Python's `datetime.strftime` for a naive local time, as Hydra's `now` resolver calls it
 * (`datetime.now().strftime(pattern)`): CPython handles `%f`, `%z` and `%Z` itself (a naive time
 * has no offset or zone, so those two print nothing) and hands the rest to glibc in the C locale,
 * including glibc's extra conversions (`%e`, `%k`, `%P`, `%s`, …) and flags: `-` (no padding),
 * `_` (pad with spaces), `0` (pad with zeros), `^` (upper case), `#` (swap case), and a width.
 * Hydra's default run dir is `outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}`.
 */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar date as a UTC timestamp (years below 100 are not shifted to 19xx). */
function utcDay(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month, day);
  t.setUTCHours(0, 0, 0, 0);
  return t.getTime();
}

/** 0-based day of the year. */
function yday(d: Date): number {
  return Math.round((utcDay(d.getFullYear(), d.getMonth(), d.getDate()) - utcDay(d.getFullYear(), 0, 1)) / 86_400_000);
}

/** Week number of the year, weeks starting on `firstDay` (0 = Sunday for %U, 1 = Monday for %W). */
function weekNumber(d: Date, firstDay: number): number {
  const wday = (d.getDay() - firstDay + 7) % 7;
  return Math.floor((yday(d) + 7 - wday) / 7);
}

/** ISO 8601 week-numbering year and week (%G, %V). */
function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(utcDay(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const year = t.getUTCFullYear();
  return { year, week: Math.ceil(((t.getTime() - utcDay(year, 0, 1)) / 86_400_000 + 1) / 7) };
}

type Conversion =
  | { num: number; width: number; pad: '0' | ' ' }
  | { text: string; kind?: 'ampm' | 'name' };

function convert(c: string, d: Date): Conversion | undefined {
  const h = d.getHours();
  switch (c) {
    case 'Y': return { num: d.getFullYear(), width: 1, pad: '0' };
    case 'C': return { num: Math.floor(d.getFullYear() / 100), width: 1, pad: '0' };
    case 'y': return { num: d.getFullYear() % 100, width: 2, pad: '0' };
    case 'G': return { num: isoWeek(d).year, width: 1, pad: '0' };
    case 'g': return { num: isoWeek(d).year % 100, width: 2, pad: '0' };
    case 'm': return { num: d.getMonth() + 1, width: 2, pad: '0' };
    case 'd': return { num: d.getDate(), width: 2, pad: '0' };
    case 'e': return { num: d.getDate(), width: 2, pad: ' ' };
    case 'j': return { num: yday(d) + 1, width: 3, pad: '0' };
    case 'H': return { num: h, width: 2, pad: '0' };
    case 'k': return { num: h, width: 2, pad: ' ' };
    case 'I': return { num: h % 12 || 12, width: 2, pad: '0' };
    case 'l': return { num: h % 12 || 12, width: 2, pad: ' ' };
    case 'M': return { num: d.getMinutes(), width: 2, pad: '0' };
    case 'S': return { num: d.getSeconds(), width: 2, pad: '0' };
    case 'w': return { num: d.getDay(), width: 1, pad: '0' };
    case 'u': return { num: d.getDay() || 7, width: 1, pad: '0' };
    case 'U': return { num: weekNumber(d, 0), width: 2, pad: '0' };
    case 'W': return { num: weekNumber(d, 1), width: 2, pad: '0' };
    case 'V': return { num: isoWeek(d).week, width: 2, pad: '0' };
    case 's': return { num: Math.floor(d.getTime() / 1000), width: 1, pad: '0' };
    case 'p': return { text: h < 12 ? 'AM' : 'PM', kind: 'ampm' };
    case 'P': return { text: h < 12 ? 'am' : 'pm' };
    case 'a': return { text: (DAYS[d.getDay()] as string).slice(0, 3), kind: 'name' };
    case 'A': return { text: DAYS[d.getDay()] as string, kind: 'name' };
    case 'b':
    case 'h': return { text: (MONTHS[d.getMonth()] as string).slice(0, 3), kind: 'name' };
    case 'B': return { text: MONTHS[d.getMonth()] as string, kind: 'name' };
    case 'c': return { text: strftime('%a %b %e %H:%M:%S %Y', d) };
    case 'x':
    case 'D': return { text: strftime('%m/%d/%y', d) };
    case 'X':
    case 'T': return { text: strftime('%H:%M:%S', d) };
    case 'F': return { text: strftime('%Y-%m-%d', d) };
    case 'R': return { text: strftime('%H:%M', d) };
    case 'r': return { text: strftime('%I:%M:%S %p', d) };
    case 'f': return { text: String(d.getMilliseconds() * 1000).padStart(6, '0') };
    // A naive datetime (what Hydra formats) has no UTC offset and no time zone name.
    case 'z':
    case 'Z': return { text: '' };
    case 'n': return { text: '\n' };
    case 't': return { text: '\t' };
    case '%': return { text: '%' };
    default: return undefined;
  }
}

/**
 * Format a local time with a Python strftime pattern.
 * @example strftime('%Y-%m-%d_%H-%M-%S', new Date(2024, 2, 5, 7, 8, 9)) === '2024-03-05_07-08-09'
 */
export function strftime(pattern: string, d: Date): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const pct = pattern.indexOf('%', i);
    if (pct < 0) {
      out += pattern.slice(i);
      break;
    }
    out += pattern.slice(i, pct);
    let j = pct + 1;
    let flags = '';
    while (j < pattern.length && '-_0^#'.includes(pattern[j] as string)) flags += pattern[j++];
    let widthText = '';
    while (j < pattern.length && /[0-9]/.test(pattern[j] as string)) widthText += pattern[j++];
    if (pattern[j] === 'E' || pattern[j] === 'O') {
      // Locale modifiers: the C locale has no alternative forms.
      if (j + 1 < pattern.length && convert(pattern[j + 1] as string, d)) j++;
    }
    const c = pattern[j];
    const conv = c === undefined ? undefined : convert(c, d);
    const width = widthText === '' ? undefined : Number(widthText);
    if (!conv) {
      // glibc copies an unknown conversion as it is (padded to the width, if any).
      const raw = pattern.slice(pct, Math.min(j + 1, pattern.length));
      out += width === undefined ? raw : raw.padStart(width, ' ');
      i = pct + raw.length;
      continue;
    }
    out += applyFlags(conv, flags, width);
    i = j + 1;
  }
  return out;
}

function applyFlags(conv: Conversion, flags: string, width: number | undefined): string {
  if ('num' in conv) {
    const negative = conv.num < 0;
    const digits = String(Math.abs(conv.num));
    let pad: '0' | ' ' | '' = conv.pad;
    // `-` drops the default padding; an explicit width still pads (with spaces), as in glibc.
    if (flags.includes('-')) pad = width === undefined ? '' : ' ';
    else if (flags.includes('_')) pad = ' ';
    else if (flags.includes('0')) pad = '0';
    const w = width ?? conv.width;
    const body = (negative ? '-' : '') + digits;
    if (pad === '' || body.length >= w) return body;
    return pad === '0' ? (negative ? '-' : '') + digits.padStart(w - (negative ? 1 : 0), '0') : body.padStart(w, ' ');
  }
  let text = conv.text;
  if (flags.includes('^')) text = text.toUpperCase();
  else if (flags.includes('#')) text = conv.kind === 'ampm' ? text.toLowerCase() : conv.kind === 'name' ? text.toUpperCase() : text;
  if (width !== undefined && text.length < width) text = text.padStart(width, flags.includes('0') ? '0' : ' ');
  return text;
}
