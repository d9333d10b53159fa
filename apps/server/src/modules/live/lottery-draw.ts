import { createHash, createHmac } from 'node:crypto';

// The pure part of the danmaku lottery, kept apart so a viewer (or a test) can re-run exactly what the server ran.

/** SHA-256 of the seed's 32 bytes (the seed is published as 64 hex characters), hex: what is published at the start. */
export const commitmentOf = (seedHex: string): string =>
  createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');

/** HMAC-SHA256 with the seed's bytes as the key and the entrant's user id (UTF-8) as the message, hex. */
const ticketOf = (seedHex: string, userId: string): string =>
  createHmac('sha256', Buffer.from(seedHex, 'hex')).update(userId, 'utf8').digest('hex');

/**
 * Every entrant ranked by their ticket, ascending (ties, which SHA-256 makes practically impossible, by user id):
 * the first `winnersCount` win. The order of entry and the order of the list do not matter.
 */
function rankEntrants(seedHex: string, userIds: readonly string[]): { userId: string; ticket: string }[] {
  return userIds
    .map((userId) => ({ userId, ticket: ticketOf(seedHex, userId) }))
    .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.userId < b.userId ? -1 : 1));
}

export const drawWinners = (seedHex: string, userIds: readonly string[], winnersCount: number): string[] =>
  rankEntrants(seedHex, userIds)
    .slice(0, winnersCount)
    .map((e) => e.userId);

/** How anyone can check the result, shown with every lottery. */
export const VERIFY_TEXT = [
  '1. 抽奖开始时公布了种子的承诺值 seedCommitment = SHA-256(seed)，开奖后公布种子 seed（64 位十六进制，即 32 字节）。',
  '2. 校验承诺：把 seed 按十六进制解码成 32 字节，计算 SHA-256，结果应等于 seedCommitment——说明种子在开奖前就已固定，没有事后更换。',
  '3. 对每位参与者计算 HMAC-SHA256(密钥 = seed 的 32 字节, 消息 = 参与者 userId 的 UTF-8 字节)，得到十六进制签号。',
  '4. 按签号从小到大排序（相同时按 userId 排序），前 winnersCount 位即中奖者。参与者名单与中奖名单均已公开，任何人都可以复算。',
].join('\n');

/** A nickname as shown in public lists: the first character, then asterisks. */
export function maskNickname(nickname: string): string {
  const chars = [...nickname];
  if (chars.length <= 1) return `${chars[0] ?? ''}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
