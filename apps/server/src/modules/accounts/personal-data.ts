// What the accounts module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { eq, inArray } from 'drizzle-orm';
import { DELETE, type PersonalData, RETAIN, personalData } from '../../platform/privacy.ts';
import {
  addresses,
  loginCodes,
  loginFailures,
  merchantStaff,
  sessions,
  socketTickets,
  users,
  wechatIdentities,
  wechatLogins,
} from './schema.ts';
import { LOGIN_PHONE_INDEX } from './service.ts';

const tables = personalData('accounts', [
  {
    table: users,
    by: [users.id],
    sealed: [users.phone],
    purpose: '登录账号：手机号用于登录与必要通知，昵称和头像展示在评价和内容旁',
    classes: { phone: 'personal', phone_index: 'personal', nickname: 'personal', avatar_url: 'personal' },
    retention: RETAIN.account,
    erase: {
      kind: 'anonymise',
      // The phone is freed so it can register again; the row stays because orders and the ledger name its id.
      set: (who) => ({
        phone: `erased:${who.userId}`,
        phoneIndex: null,
        nickname: '匿名用户',
        avatarUrl: null,
        passwordHash: null,
      }),
      why: '账号编号保留以便订单与账目可核对；手机号释放、昵称改为“匿名用户”、头像与密码清除',
    },
  },
  {
    table: sessions,
    by: [sessions.userId],
    purpose: '保持登录状态',
    classes: { user_id: 'personal' },
    retention: RETAIN.login,
    erase: DELETE,
  },
  {
    table: loginCodes,
    byPhone: [{ index: loginCodes.phoneIndex, context: LOGIN_PHONE_INDEX }],
    sealed: [loginCodes.phone],
    purpose: '发送并核对短信验证码',
    classes: { phone: 'personal', phone_index: 'personal' },
    retention: RETAIN.login,
    erase: DELETE,
  },
  {
    table: merchantStaff,
    by: [merchantStaff.userId],
    purpose: '商家员工身份与权限',
    classes: { user_id: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: addresses,
    by: [addresses.userId],
    purpose: '收货地址，下单时选择',
    classes: {
      user_id: 'personal',
      recipient: 'personal',
      phone: 'personal',
      province: 'personal',
      city: 'personal',
      district: 'personal',
      detail: 'personal',
    },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: wechatIdentities,
    by: [wechatIdentities.userId],
    purpose: '微信登录：绑定的微信身份（openid/unionid）与微信昵称',
    classes: { user_id: 'personal', openid: 'personal', unionid: 'personal', nickname: 'personal' },
    retention: RETAIN.account,
    erase: DELETE,
  },
  {
    table: wechatLogins,
    by: [wechatLogins.bindUserId],
    purpose: '微信登录进行中的授权：防伪造的 state，以及尚未绑定手机号的微信身份（10 分钟）',
    classes: { bind_user_id: 'personal', openid: 'personal', unionid: 'personal', nickname: 'personal' },
    retention: RETAIN.login,
    erase: DELETE,
  },
  {
    table: loginFailures,
    byPhone: [{ index: loginFailures.phoneIndex, context: LOGIN_PHONE_INDEX }],
    sealed: [loginFailures.phone],
    purpose: '密码连续输错时暂时锁定，防止撞库',
    classes: { phone: 'personal', phone_index: 'personal' },
    retention: RETAIN.login,
    erase: DELETE,
  },
]);

/**
 * The account itself goes last in an erasure (the privacy module runs it after every other module): its sessions'
 * socket tickets first, so the sessions can go, then the tables above (the user row is anonymised, not deleted).
 */
export const accountsPersonalData: PersonalData = {
  ...tables,
  async erase(deps, db, who) {
    const mine = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, who.userId));
    await db.delete(socketTickets).where(inArray(socketTickets.sessionId, mine));
    return tables.erase(deps, db, who);
  },
};
