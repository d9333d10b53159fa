import { useQuery } from '@tanstack/react-query';
import { api, type BodyOf, type GetOk, must } from './client.ts';

// Complaints (投诉, first answer within 2 h) and 先行赔付 claims (paid within 24 h): docs/TRUST.md.
export type Complaint = GetOk<'/api/v1/complaints/{id}'>;
export type ComplaintInput = BodyOf<'/api/v1/complaints', 'post'>;
export type Claim = GetOk<'/api/v1/compensation-claims/{id}'>;
export type ClaimInput = BodyOf<'/api/v1/compensation-claims', 'post'>;

const trustKeys = {
  complaint: (id: string) => ['complaints', id] as const,
  claim: (id: string) => ['compensation-claims', id] as const,
};

export function useComplaint(id: string) {
  return useQuery({
    queryKey: trustKeys.complaint(id),
    queryFn: () => must(api.GET('/api/v1/complaints/{id}', { params: { path: { id } } })),
  });
}

export function useClaim(id: string) {
  return useQuery({
    queryKey: trustKeys.claim(id),
    queryFn: () => must(api.GET('/api/v1/compensation-claims/{id}', { params: { path: { id } } })),
  });
}

/** Whether a counterfeit claim on this order pays 假一赔十 (bought in a live room whose host held the guarantee). */
export function useTenfold(orderId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['compensation-claims', 'tenfold', orderId],
    queryFn: () => must(api.GET('/api/v1/compensation-claims/tenfold', { params: { query: { orderId } } })),
    enabled,
  });
}
