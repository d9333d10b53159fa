import type { GetOk } from './client.ts';

// Shapes the console shows, derived from the generated OpenAPI paths (never written by hand).

export type StaffOrder = GetOk<'/api/v1/merchant/orders'>['items'][number];
export type OrderDetail = GetOk<'/api/v1/merchant/orders/{id}'>;
export type OrderStatus = StaffOrder['status'];
export type OrderLine = OrderDetail['lines'][number];

export type AfterSale = GetOk<'/api/v1/merchant/after-sales'>['items'][number];
export type AfterSaleDetail = GetOk<'/api/v1/merchant/after-sales/{id}'>;
export type AfterSaleStatus = AfterSale['status'];
export type AfterSaleType = AfterSale['type'];
export type AfterSaleReason = AfterSale['reasonCode'];
export type AfterSaleActor = AfterSaleDetail['timeline'][number]['actor'];

export type MerchantReview = GetOk<'/api/v1/merchant/reviews'>['items'][number];

type Finance = GetOk<'/api/v1/merchant/finance'>;
export type FinanceEntry = Finance['recent'][number];

type Reconciliation = GetOk<'/api/v1/admin/reconciliation'>;
export type ReconciliationCheck = Reconciliation['checks'][number];

export type ProductListItem = GetOk<'/api/v1/merchant/products'>['items'][number];
export type ProductStatus = ProductListItem['status'];
export type MerchantProduct = GetOk<'/api/v1/merchant/products/{id}'>;
export type PriceHistoryEntry = GetOk<'/api/v1/merchant/products/{id}/price-history'>['items'][number];

export type AdminMerchant = GetOk<'/api/v1/admin/merchants'>['items'][number];
export type MerchantStatus = AdminMerchant['status'];
