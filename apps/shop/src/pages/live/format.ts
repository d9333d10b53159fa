/** 8,432 → 8432; 12,600 → 1.2万: how Chinese live apps show counts, never rounded up. */
export function compactCount(n: number): string {
  if (n < 10_000) return String(n);
  return `${Math.floor(n / 1000) / 10}万`;
}

/** mm:ss of a clip offset (h:mm:ss past an hour). */
export function clipTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const body = `${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return h > 0 ? `${h}:${body}` : body;
}
