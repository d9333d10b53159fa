import { describe, expect, it } from 'vitest';
import { panelControls } from './abilities.ts';

// The abilities each role gets from GET control (the server's ROLE_ABILITIES).
const owner = ['manage', 'run', 'pin', 'mute', 'answer', 'metrics'] as const;
const host = ['run', 'pin', 'answer', 'metrics'] as const;
const controller = ['run', 'pin', 'mute', 'metrics'] as const;
const service = ['answer', 'mute'] as const;
const analyst = ['metrics'] as const;

describe('control panel by role', () => {
  it('shows the merchant everything while live, and start only before the session', () => {
    expect(panelControls('owner', owner, 'live')).toEqual({
      start: false,
      end: true,
      pin: true,
      moderate: true,
      answer: true,
      lotteryPoll: true,
      pkFlash: true,
      metrics: true,
      manage: true,
    });
    expect(panelControls('owner', owner, 'scheduled')).toMatchObject({
      start: true,
      end: false,
      pin: false,
      lotteryPoll: false,
    });
  });

  it('lets the host run the room but not mute; 场控 runs lotteries and polls but not start, PK or flash', () => {
    expect(panelControls('host', host, 'live')).toMatchObject({
      end: true,
      pin: true,
      moderate: false,
      answer: true,
      lotteryPoll: true,
      pkFlash: true,
    });
    expect(panelControls('controller', controller, 'live')).toMatchObject({
      end: false,
      pin: true,
      moderate: true,
      answer: false,
      lotteryPoll: true,
      pkFlash: false,
    });
    expect(panelControls('controller', controller, 'scheduled').start).toBe(false);
  });

  it('gives 客服 answers and moderation only, and 数据 the figures only', () => {
    expect(panelControls('service', service, 'live')).toMatchObject({
      pin: false,
      moderate: true,
      answer: true,
      lotteryPoll: false,
      pkFlash: false,
      metrics: false,
    });
    const data = panelControls('analyst', analyst, 'live');
    expect(
      Object.entries(data)
        .filter(([, on]) => on)
        .map(([k]) => k),
    ).toEqual(['metrics']);
  });

  it('turns every room action off once the session has ended', () => {
    const ended = panelControls('owner', owner, 'ended');
    expect([ended.start, ended.end, ended.pin, ended.moderate, ended.answer, ended.lotteryPoll, ended.pkFlash]).toEqual(
      [false, false, false, false, false, false, false],
    );
    expect(ended.metrics).toBe(true);
  });
});
