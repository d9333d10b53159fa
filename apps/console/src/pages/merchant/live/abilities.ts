import type { LiveAbility, LiveRole, LiveStatus } from './types.ts';

/** What the control panel shows a caller: each control is shown only when the role may use it. */
export interface PanelControls {
  start: boolean;
  end: boolean;
  pin: boolean;
  /** Remove a message or mute its sender (场控, 客服). */
  moderate: boolean;
  answer: boolean;
  /** Lottery and poll: the run ability (主播, 场控). */
  lotteryPoll: boolean;
  /** Start/end, PK and the live flash sale: the host and the merchant only, not 场控 although it has run. */
  pkFlash: boolean;
  metrics: boolean;
  manage: boolean;
}

/**
 * The role and abilities (from GET control) and the session's status decide the panel. Actions in the room need
 * it to be live; start only before, end only during. The server checks again: this only spares a refusal.
 */
export function panelControls(
  role: LiveRole | 'owner',
  abilities: readonly LiveAbility[],
  status: LiveStatus,
): PanelControls {
  const has = (a: LiveAbility) => abilities.includes(a);
  const live = status === 'live';
  const hosts = has('run') && (role === 'owner' || role === 'host');
  return {
    start: hosts && status === 'scheduled',
    end: hosts && live,
    pin: has('pin') && live,
    moderate: has('mute') && live,
    answer: has('answer') && live,
    lotteryPoll: has('run') && live,
    pkFlash: hosts && live,
    metrics: has('metrics'),
    manage: has('manage'),
  };
}

export const ROLE_LABEL: Record<LiveRole | 'owner', string> = {
  owner: '商家',
  host: '主播',
  controller: '场控',
  service: '客服',
  analyst: '数据',
};

export const STATUS_TAG: Record<LiveStatus, { label: '预告' | '直播中' | '已结束' | '已取消'; color: string }> = {
  scheduled: { label: '预告', color: 'blue' },
  live: { label: '直播中', color: 'red' },
  ended: { label: '已结束', color: 'default' },
  cancelled: { label: '已取消', color: 'default' },
};
