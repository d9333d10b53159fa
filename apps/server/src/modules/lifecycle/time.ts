// Beijing time (UTC+8, no daylight saving) for quiet hours and daily snapshots.
const OFFSET = 8 * 3_600_000;

const beijing = (at: Date) => new Date(at.getTime() + OFFSET);

export const beijingDay = (at: Date): string => beijing(at).toISOString().slice(0, 10);

/** Quiet hours [start, end) in Beijing hours, wrapping midnight when start > end; start = end means none. */
export function inQuietHours(at: Date, start: number, end: number): boolean {
  if (start === end) return false;
  const h = beijing(at).getUTCHours();
  return start < end ? h >= start && h < end : h >= start || h < end;
}

/** The next moment the quiet hours end (Beijing `end`:00), after `at`. */
export function quietHoursEnd(at: Date, end: number): Date {
  const local = beijing(at);
  const candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), end);
  const next = candidate > local.getTime() ? candidate : candidate + 86_400_000;
  return new Date(next - OFFSET);
}
