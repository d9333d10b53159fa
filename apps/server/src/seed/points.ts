import type { Deps } from '../deps.ts';
import { createCharityProject, createMallItem } from '../modules/points/service.ts';
import type { Actor } from '../platform/auth.ts';
import { makeCtx } from '../platform/context.ts';

// Demo points mall items and charity projects, created through the points module as a platform operator.
// Every text says it is demo data; donations and redemptions are left to real users.

const seedOperator: Actor = { kind: 'user', userId: 'system:seed', sessionId: 'seed', roles: ['operator'], staff: [] };
const image = (name: string, label: string) => `/media/placeholder/${name}.svg?label=${encodeURIComponent(label)}`;

const MALL_ITEMS = [
  {
    title: '好物帆布托特包',
    description: '加厚帆布，可装 A4 文件（演示数据）',
    pointsCost: 1200,
    stock: 200,
    perUserLimit: 2,
    imageUrl: image('mall-tote', '帆布包'),
  },
  {
    title: '便携保温杯 350ml',
    description: '316 不锈钢内胆，6 小时保温（演示数据）',
    pointsCost: 3000,
    stock: 80,
    perUserLimit: 1,
    imageUrl: image('mall-cup', '保温杯'),
  },
  {
    title: '旅行洗护 4 件套',
    description: '洗发、护发、沐浴、身体乳各 50ml（演示数据）',
    pointsCost: 800,
    stock: 300,
    perUserLimit: 3,
    imageUrl: image('mall-travel', '洗护套装'),
  },
  {
    title: '手账贴纸礼盒',
    description: '12 张原创插画贴纸（演示数据）',
    pointsCost: 300,
    stock: 500,
    perUserLimit: 5,
    imageUrl: image('mall-sticker', '贴纸'),
  },
];

const CHARITY_PROJECTS = [
  {
    title: '乡村小学图书角',
    organization: '好物公益（演示机构）',
    description:
      '为乡村小学建设班级图书角，每 100 积分折合 1 元用于购买图书。演示数据：机构与项目均为示例，不代表真实募捐。',
    targetPoints: 5_000_000,
    imageUrl: image('charity-books', '图书角'),
  },
  {
    title: '流浪动物冬季口粮',
    organization: '好物公益（演示机构）',
    description: '为城市流浪动物救助站募集冬季口粮与保暖物资。演示数据：机构与项目均为示例，不代表真实募捐。',
    targetPoints: 2_000_000,
    imageUrl: image('charity-pets', '动物口粮'),
  },
];

export async function seedPointsDemo(deps: Deps): Promise<{ mallItems: number; charityProjects: number }> {
  const ctx = makeCtx(deps, seedOperator);
  for (const item of MALL_ITEMS) await createMallItem(ctx, item);
  for (const project of CHARITY_PROJECTS) await createCharityProject(ctx, project);
  return { mallItems: MALL_ITEMS.length, charityProjects: CHARITY_PROJECTS.length };
}
