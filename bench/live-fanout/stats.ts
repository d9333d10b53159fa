// Measuring helpers for bench/live-fanout: a latency histogram that client workers fill and the runner merges,
// and another process's CPU time and memory read from /proc (Linux), so the server is measured from outside.
import { readFileSync } from 'node:fs';

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

/** Resident memory of a process in MiB. */
export function processRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU use of another process between two calls, as a percentage of one core. */
export function cpuMeter(pid: number) {
  let cpu = processCpuSeconds(pid);
  let at = performance.now();
  return {
    reset() {
      cpu = processCpuSeconds(pid);
      at = performance.now();
    },
    percent(): number {
      const seconds = (performance.now() - at) / 1000;
      return seconds > 0 ? Math.round(((processCpuSeconds(pid) - cpu) / seconds) * 100) : 0;
    },
  };
}
