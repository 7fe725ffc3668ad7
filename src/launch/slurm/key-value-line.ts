/**
 * Split a `Key=value Key2=value two` line (`scontrol show job -o`, the jobcomp text log) into a map.
 * A value runs until the next ` Key=`, so values may contain spaces (`JobName=my job`) and `=`
 * (`TRES=cpu=1,node=1`). Keys start upper-case as Slurm's do (`JobId`, `CPUs/Task`, `AllocNode:Sid`),
 * so a lower-case `b=c` inside a value stays part of the value.
 *
 * `parseKeyValueLine('JobId=4 JobName=my job ExitCode=3:0')`
 *   → Map { JobId → '4', JobName → 'my job', ExitCode → '3:0' }
 */
export function parseKeyValueLine(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  const key = /(?:^|\s)([A-Z][A-Za-z0-9_:/]*)=/g;
  const starts: { name: string; keyStart: number; valueStart: number }[] = [];
  for (let m = key.exec(line); m !== null; m = key.exec(line)) {
    const name = m[1] ?? '';
    starts.push({ name, keyStart: m.index + m[0].length - name.length - 1, valueStart: m.index + m[0].length });
  }
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? (starts[i + 1]?.keyStart ?? line.length) : line.length;
    // The first occurrence wins: later keys with the same name are rarer, derived fields.
    if (!fields.has(s.name)) fields.set(s.name, line.slice(s.valueStart, end).trim());
  });
  return fields;
}
