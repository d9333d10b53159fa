import { useQuery } from '@tanstack/react-query';
import { api, type GetOk, must } from '../../../api/client.ts';

export type SupplierRow = GetOk<'/api/v1/merchant/supply/suppliers'>['items'][number];
export type StockItem = GetOk<'/api/v1/merchant/supply/stock'>['items'][number];
export type Movement = GetOk<'/api/v1/merchant/supply/movements'>['items'][number];
export type PoRow = GetOk<'/api/v1/merchant/supply/purchase-orders'>['items'][number];
export type PoDetail = GetOk<'/api/v1/merchant/supply/purchase-orders/{id}'>;

export const supplyKeys = {
  all: (merchantId: string) => ['merchant', merchantId, 'supply'] as const,
  suppliers: (merchantId: string) => ['merchant', merchantId, 'supply', 'suppliers'] as const,
  stock: (merchantId: string) => ['merchant', merchantId, 'supply', 'stock'] as const,
  movements: (merchantId: string, warehouseId?: string) =>
    ['merchant', merchantId, 'supply', 'movements', warehouseId ?? ''] as const,
  pos: (merchantId: string) => ['merchant', merchantId, 'supply', 'pos'] as const,
  po: (merchantId: string, id: string) => ['merchant', merchantId, 'supply', 'pos', id] as const,
  alerts: (merchantId: string) => ['merchant', merchantId, 'supply', 'alerts'] as const,
};

export const useSuppliers = (merchantId: string) =>
  useQuery({
    queryKey: supplyKeys.suppliers(merchantId),
    queryFn: async () => (await must(api.GET('/api/v1/merchant/supply/suppliers'))).items,
  });

export const useStock = (merchantId: string) =>
  useQuery({ queryKey: supplyKeys.stock(merchantId), queryFn: () => must(api.GET('/api/v1/merchant/supply/stock')) });

export const useWarehouses = (merchantId: string) =>
  useQuery({
    queryKey: [...supplyKeys.all(merchantId), 'warehouses'],
    queryFn: () => must(api.GET('/api/v1/merchant/supply/warehouses')),
  });

export const useConcentrationAlerts = (merchantId: string) =>
  useQuery({
    queryKey: supplyKeys.alerts(merchantId),
    queryFn: async () => (await must(api.GET('/api/v1/merchant/supply/concentration-alerts'))).items,
  });

/** Basis points as a percentage with one decimal (4059 → 40.6%). */
export const percent = (bp: number): string => `${(bp / 100).toFixed(1)}%`;
