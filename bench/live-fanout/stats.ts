// Measuring helpers for bench/live-fanout: a latency histogram that client workers fill and the runner merges,
// and another process's CPU time and memory read from /proc (Linux), so the server is measured from outside.
import { readdirSync, readFileSync } from 'node:fs';

/** 1 ms buckets up to 10 s; later arrivals land in the last bucket. Merging is adding the arrays. */
export const HISTOGRAM_BUCKETS = 10_001;

export function newHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BUCKETS).fill(0);
}

export function record(histogram: number[], ms: number): void {
  const i = ms <= 0 ? 0 : ms >= HISTOGRAM_BUCKETS - 1 ? HISTOGRAM_BUCKETS - 1 : Math.round(ms);
  histogram[i]!++;
}

export function mergeInto(target: number[], source: number[]): void {
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) target[i]! += source[i] ?? 0;
}

export function histogramPercentile(histogram: number[], p: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return i;
  }
  return HISTOGRAM_BUCKETS - 1;
}

export function histogramCount(histogram: number[]): number {
  return histogram.reduce((a, b) => a + b, 0);
}

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** A process and its direct children (the node:cluster workers of a multi-process server). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** Resident memory of a process and its direct children in MiB. */
export function processRssMiB(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* exited meanwhile */
    }
  }
  return Math.round(kb / 1024);
}

function treeCpuSeconds(pid: number): number {
  let seconds = 0;
  for (const p of processTree(pid)) {
    try {
      seconds += processCpuSeconds(p);
    } catch {
      /* exited meanwhile */
    }
  }
  return seconds;
}

/** CPU use of another process (and its direct children) between two calls, as a percentage of one core. */
export function cpuMeter(pid: number) {
  let cpu = treeCpuSeconds(pid);
  let at = performance.now();
  return {
    reset() {
      cpu = treeCpuSeconds(pid);
      at = performance.now();
    },
    percent(): number {
      const seconds = (performance.now() - at) / 1000;
      return seconds > 0 ? Math.round(((treeCpuSeconds(pid) - cpu) / seconds) * 100) : 0;
    },
  };
}
