// What the lifecycle module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, RETAIN, personalData } from '../../platform/privacy.ts';
import {
  lifecycleActions,
  lifecycleCustomers,
  lifecyclePreferences,
  lifecyclePurchases,
  lifecycleTransitions,
} from './schema.ts';

export const lifecyclePersonalData = personalData('lifecycle', [
  {
    table: lifecycleCustomers,
    by: [lifecycleCustomers.userId],
    purpose: '用户分层（新客、活跃、沉睡等），用于运营触达',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: lifecyclePurchases,
    by: [lifecyclePurchases.userId],
    purpose: '用于用户分层的购买记录',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: lifecycleTransitions,
    by: [lifecycleTransitions.userId],
    purpose: '用户分层变化历史',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: lifecycleActions,
    by: [lifecycleActions.userId],
    purpose: '发给本人的运营消息',
    classes: { user_id: 'personal', text: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: lifecyclePreferences,
    by: [lifecyclePreferences.userId],
    purpose: '营销消息开关',
    classes: { user_id: 'personal' },
    retention: RETAIN.preference,
    erase: DELETE,
  },
]);
