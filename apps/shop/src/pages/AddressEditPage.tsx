import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Toast } from 'antd-mobile';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { addressesKey, useAddresses, type AddressInput } from '../api/addresses.ts';
import { api, must } from '../api/client.ts';
import { AddressForm } from '../components/AddressForm.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';

export default function AddressEditPage() {
  const t = useT();
  const { id = 'new' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isNew = id === 'new';
  const addresses = useAddresses(!isNew);
  const back = params.get('back');

  const save = useMutation({
    mutationFn: (input: AddressInput) =>
      isNew
        ? must(api.POST('/api/v1/me/addresses', { body: input }))
        : must(api.PATCH('/api/v1/me/addresses/{id}', { params: { path: { id } }, body: input })),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('地址已保存') });
      await qc.invalidateQueries({ queryKey: addressesKey });
      await navigate(back?.startsWith('/') ? back : '/me/addresses', { replace: true });
    },
  });

  const existing = isNew ? undefined : addresses.data?.find((a) => a.id === id);
  return (
    <div className="page" style={{ background: '#fff' }}>
      <PageHeader title={isNew ? t('新增收货地址') : t('编辑收货地址')} />
      {!isNew && addresses.isPending ? (
        <ListSkeleton rows={2} />
      ) : !isNew && addresses.isError ? (
        <QueryError error={addresses.error} onRetry={() => void addresses.refetch()} />
      ) : !isNew && !existing ? (
        <EmptyState title={t('地址不存在或已删除')} />
      ) : (
        <AddressForm initial={existing} submitting={save.isPending} onSubmit={(v) => save.mutate(v)} />
      )}
    </div>
  );
}
