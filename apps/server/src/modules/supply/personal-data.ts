// What the supply module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
// Only the merchant staff who did the work: suppliers are companies, and no consumer data is kept here.
import { KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { movements, purchaseOrders, qualityRecords, stockTakes, transfers } from './schema.ts';

const trade = { retention: RETAIN.trade, erase: KEEP_FOR_BOOKS };

export const supplyPersonalData = personalData('supply', [
  {
    table: movements,
    by: [movements.recordedBy],
    purpose: '库存流水的经手人（入库、调拨、盘点）',
    classes: { recorded_by: 'personal' },
    ...trade,
  },
  {
    table: purchaseOrders,
    by: [purchaseOrders.createdBy],
    purpose: '采购单的制单人',
    classes: { created_by: 'personal' },
    ...trade,
  },
  {
    table: qualityRecords,
    by: [qualityRecords.recordedBy],
    purpose: '供应商质量记录的记录人',
    classes: { recorded_by: 'personal' },
    ...trade,
  },
  {
    table: stockTakes,
    by: [stockTakes.recordedBy],
    purpose: '盘点的经手人',
    classes: { recorded_by: 'personal' },
    ...trade,
  },
  {
    table: transfers,
    by: [transfers.recordedBy],
    purpose: '调拨的经手人',
    classes: { recorded_by: 'personal' },
    ...trade,
  },
]);
