import type { GetOk } from '../../../api/client.ts';

export type Audience = 'platform' | 'merchant';
export type Customer = GetOk<'/api/v1/admin/lifecycle/customers'>['items'][number];
export type Rule = GetOk<'/api/v1/admin/lifecycle/rules'>['items'][number];
export type Segment = Customer['segment'];

export const SEGMENT_LABEL = { new: '新客', active: '活跃', loyal: '忠诚', churned: '流失' } as const;
export const SEGMENT_COLOR = { new: '#1677ff', active: '#52c41a', loyal: '#fa8c16', churned: '#8c8c8c' } as const;
