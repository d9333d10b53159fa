// What customer service keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { personalData, RETAIN } from '../../platform/privacy.ts';
import { agents, conversations, messages, notes } from './schema.ts';

const TRADE_RECORD = '客服会话是售后与纠纷的凭据，按交易记录留存；注销后其中的账号已匿名';

export const servicePersonalData = personalData('service', [
  {
    table: conversations,
    by: [conversations.userId],
    purpose: '客服会话：咨询的商品、订单与售后，以及服务评价',
    classes: { user_id: 'personal', context: 'personal', rating_comment: 'personal' },
    retention: RETAIN.trade,
    erase: { kind: 'anonymise', set: { ratingComment: null }, why: TRADE_RECORD },
  },
  {
    table: messages,
    by: [messages.senderId],
    purpose: '客服会话中本人发送的文字与图片',
    classes: { sender_id: 'personal', text: 'personal', image_url: 'personal' },
    retention: RETAIN.trade,
    erase: { kind: 'anonymise', set: { text: '[已删除]', imageUrl: null }, why: TRADE_RECORD },
  },
  {
    table: notes,
    by: [notes.authorId],
    purpose: '客服人员写下的内部备注（顾客看不到）',
    classes: { author_id: 'personal' },
    retention: RETAIN.trade,
    erase: { kind: 'keep', why: '备注属于店铺的服务记录，注销后其中的账号已匿名' },
  },
  {
    table: agents,
    by: [agents.userId],
    purpose: '客服排班：在线状态、技能与接待量',
    classes: { user_id: 'personal' },
    retention: RETAIN.account,
    erase: { kind: 'delete' },
  },
]);
