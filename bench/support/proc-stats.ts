import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time and memory of another process, read from /proc (Linux): what the process itself spent,
 * whichever process generated its load.
 */

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU milliseconds the process has used so far (utime + stime of /proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_S;
}

/** Resident memory now and its high-water mark, in MiB (VmRSS and VmHWM of /proc/<pid>/status). */
export function memoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

/**
 * The benchmark's own processes (this one, the load generator, the Redis servers, the systems under
 * test): the machine's busy time minus theirs is what other programs took during a phase.
 */
const ours = new Set<number>([process.pid]);

export function trackPid(pid: number): void {
  ours.add(pid);
}

/** CPU milliseconds used so far by the whole machine (all cores) and by our processes. */
export function machineCpuMs(): { busy: number; ours: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  let own = 0;
  for (const pid of ours) {
    try {
      own += cpuMs(pid);
    } catch {
      ours.delete(pid); // exited
    }
  }
  return { busy: ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS_PER_S, ours: own };
}

/** Samples VmRSS every `everyMs` until stopped, which returns the largest value seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = memoryMiB(pid).rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryMiB(pid).rss);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, memoryMiB(pid).rss);
    },
  };
}
