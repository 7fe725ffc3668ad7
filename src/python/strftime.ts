/**
 * Python's `datetime.strftime` (C locale) for the `now` resolver: Hydra's default run dir is
 * `outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}`, and users write their own patterns.
 */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, width: number, fill = '0'): string {
  return String(n).padStart(width, fill);
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - start.getTime()) / 86_400_000) + 1;
}

/** Week number of the year, weeks starting on `firstDay` (0 = Sunday for %U, 1 = Monday for %W). */
function weekNumber(d: Date, firstDay: number): number {
  const yday = dayOfYear(d) - 1;
  const wday = (d.getDay() - firstDay + 7) % 7;
  return Math.floor((yday + 7 - wday) / 7);
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7) };
}

function tzOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/** Format a local time with a Python strftime pattern, e.g. `strftime('%Y-%m-%d', new Date())`. */
export function strftime(pattern: string, d: Date): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '%' || i === pattern.length - 1) {
      out += c;
      continue;
    }
    const f = pattern[++i];
    switch (f) {
      case 'Y': out += pad(d.getFullYear(), 4); break;
      case 'y': out += pad(d.getFullYear() % 100, 2); break;
      case 'm': out += pad(d.getMonth() + 1, 2); break;
      case 'd': out += pad(d.getDate(), 2); break;
      case 'H': out += pad(d.getHours(), 2); break;
      case 'I': out += pad(d.getHours() % 12 || 12, 2); break;
      case 'M': out += pad(d.getMinutes(), 2); break;
      case 'S': out += pad(d.getSeconds(), 2); break;
      case 'f': out += pad(d.getMilliseconds() * 1000, 6); break;
      case 'p': out += d.getHours() < 12 ? 'AM' : 'PM'; break;
      case 'a': out += (DAYS[d.getDay()] as string).slice(0, 3); break;
      case 'A': out += DAYS[d.getDay()]; break;
      case 'b': case 'h': out += (MONTHS[d.getMonth()] as string).slice(0, 3); break;
      case 'B': out += MONTHS[d.getMonth()]; break;
      case 'j': out += pad(dayOfYear(d), 3); break;
      case 'w': out += String(d.getDay()); break;
      case 'u': out += String(d.getDay() || 7); break;
      case 'U': out += pad(weekNumber(d, 0), 2); break;
      case 'W': out += pad(weekNumber(d, 1), 2); break;
      case 'V': out += pad(isoWeek(d).week, 2); break;
      case 'G': out += pad(isoWeek(d).year, 4); break;
      case 'z': out += tzOffset(d); break;
      case 'Z': out += Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? ''; break;
      case 'c': out += strftime('%a %b %e %H:%M:%S %Y', d); break;
      case 'x': out += strftime('%m/%d/%y', d); break;
      case 'X': out += strftime('%H:%M:%S', d); break;
      case 'e': out += pad(d.getDate(), 2, ' '); break;
      case 'D': out += strftime('%m/%d/%y', d); break;
      case 'F': out += strftime('%Y-%m-%d', d); break;
      case 'T': out += strftime('%H:%M:%S', d); break;
      case 's': out += String(Math.floor(d.getTime() / 1000)); break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += `%${f}`;
    }
  }
  return out;
}
