/**
 * Communities and private domain (社群 / 私域): the module's public surface. Other modules import from here only.
 * Use-cases live in their own files: membership (join, leave, groups of ≤ 500, auto-join after a first order),
 * chat (+ chat-admin), calendar (announcements and the weekly promotional push cap), meetups, scrm, outreach.
 */
export { communityMembersAmong } from './membership.ts';
// Live commerce announces a scheduled session (直播预告) to the merchant's communities through the same use-case.
export { postAnnouncement } from './calendar.ts';
export { merchantCommunities } from './queries.ts';
