import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds a process has used (user + system, its reaped children included), from /proc; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // utime, stime, cutime, cstime: fields 14-17 of /proc/<pid>/stat, here counted after the ')'.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return ticks / CLOCK_TICKS;
}

/** The parent pid of `pid`, or undefined when it is gone. */
export function parentPid(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/**
 * CPU seconds of a PostgreSQL server: the postmaster (whose reaped backends count as its
 * children) plus every live backend.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  let total = processCpuSeconds(postmasterPid);
  for (const entry of safeReaddir('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && parentPid(pid) === postmasterPid) total += processCpuSeconds(pid);
  }
  return total;
}

/** Linux's USER_HZ, 100 on every platform Node supports. */
const CLOCK_TICKS = 100;

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: split after its last ')'.
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
