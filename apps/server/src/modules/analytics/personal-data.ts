// What the analytics module keeps about a person (docs/ANALYTICS.md "Privacy and retention", docs/PRIVACY.md).
import { eq } from 'drizzle-orm';
import { type Erasure, inventoryOf, type PersonalData, type PersonalTable, RETAIN } from '../../platform/privacy.ts';
import { eventsTableDdl } from './event-model.ts';
import { forgetUser } from './privacy.ts';
import { pseudonym } from './pseudonym.ts';
import { analyticsInbox, analyticsUserDevices } from './schema.ts';

const erase: Erasure & { kind: 'anonymise' } = {
  kind: 'anonymise',
  set: {},
  why: '浏览、搜索、点击等行为事件删除；下单、支付、退款事件保留金额但去掉用户与设备标识，销售数字仍然真实',
};

const tables: PersonalTable[] = [
  {
    table: analyticsInbox,
    by: [analyticsInbox.userPid],
    purpose: '行为事件（浏览、搜索词、点击、下单），以假名标识，用于经营分析与推荐',
    classes: {
      user_pid: 'personal',
      device_id: 'personal',
      session_id: 'personal',
      query: 'personal',
      province: 'personal',
    },
    retention: RETAIN.behaviour,
    erase,
  },
  {
    table: analyticsUserDevices,
    by: [analyticsUserDevices.userPid],
    purpose: '账号最近使用的设备标识，用于把登录前的浏览归到本人',
    classes: { user_pid: 'personal', device_id: 'personal' },
    retention: RETAIN.behaviour,
    erase,
  },
];

/**
 * Behaviour is keyed by the user's pseudonym, not their id, and most of it lives in the analytics engine; so this
 * module collects and erases itself rather than through the generic table walk.
 */
export const analyticsPersonalData: PersonalData = {
  module: 'analytics',
  inventory: [
    ...inventoryOf('analytics', tables),
    {
      module: 'analytics',
      table: 'events（分析引擎）',
      purpose: '已入库的行为事件，同上',
      columns: [
        { name: 'user_pid', class: 'personal' },
        { name: 'device_id', class: 'personal' },
        { name: 'query', class: 'personal' },
      ],
      retention: RETAIN.behaviour,
      erasure: 'anonymise',
      erasureNote: erase.why,
    },
  ],
  async collect(deps, db, who) {
    const pid = pseudonym(deps.config.ANALYTICS_PSEUDONYM_SECRET, who.userId);
    const engine = deps.analytics;
    await engine.ensure(eventsTableDdl(engine));
    return {
      analytics_inbox: await db.select().from(analyticsInbox).where(eq(analyticsInbox.userPid, pid)),
      analytics_user_devices: await db.select().from(analyticsUserDevices).where(eq(analyticsUserDevices.userPid, pid)),
      events: await engine.query(`SELECT * FROM events WHERE user_pid = $pid ORDER BY ts`, { pid }),
    };
  },
  afterCommit: true,
  async erase(deps, _db, who) {
    const { inbox, engine } = await forgetUser(deps, who.userId);
    return { analytics_inbox: inbox, events: engine };
  },
};
