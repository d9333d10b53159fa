import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { EditSOutline, DeleteOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router';
import { addressesKey, formatAddress, useAddresses } from '../api/addresses.ts';
import { api, must } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import './AddressListPage.css';

export default function AddressListPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const addresses = useAddresses();

  const remove = useMutation({
    mutationFn: (id: string) => must(api.DELETE('/api/v1/me/addresses/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('已删除') });
      await qc.invalidateQueries({ queryKey: addressesKey });
    },
  });
  const makeDefault = useMutation({
    mutationFn: (id: string) =>
      must(api.PATCH('/api/v1/me/addresses/{id}', { params: { path: { id } }, body: { isDefault: true } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: addressesKey }),
  });

  return (
    <div className="page with-action-bar">
      <PageHeader title={t('收货地址')} />
      {addresses.isPending ? (
        <ListSkeleton rows={3} />
      ) : addresses.isError ? (
        <QueryError error={addresses.error} onRetry={() => void addresses.refetch()} />
      ) : addresses.data.length === 0 ? (
        <EmptyState title={t('还没有收货地址')} description={t('添加一个地址，下单时就能直接选用')} />
      ) : (
        <ul className="address-list" data-testid="address-list">
          {addresses.data.map((a) => (
            <li key={a.id} className="card address-item">
              <div className="row-between">
                <p className="address-who">
                  <strong>{a.recipient}</strong> <span>{maskPhone(a.phone)}</span>
                  {a.isDefault && (
                    <Tag color="primary" fill="outline" style={{ marginLeft: 6 }}>
                      {t('默认')}
                    </Tag>
                  )}
                </p>
              </div>
              <p className="address-text">{formatAddress(a)}</p>
              <div className="address-actions">
                {!a.isDefault && (
                  <button type="button" className="text-button" onClick={() => makeDefault.mutate(a.id)}>
                    {t('设为默认')}
                  </button>
                )}
                <span className="grow" />
                <button type="button" className="text-button" onClick={() => void navigate(`/me/addresses/${a.id}`)}>
                  <EditSOutline aria-hidden /> {t('编辑')}
                </button>
                <button
                  type="button"
                  className="text-button"
                  onClick={() =>
                    void Dialog.confirm({
                      content: t('确定删除这个地址吗？'),
                      confirmText: t('删除'),
                      cancelText: t('取消'),
                    }).then((yes) => {
                      if (yes) remove.mutate(a.id);
                    })
                  }
                >
                  <DeleteOutline aria-hidden /> {t('删除')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="action-bar">
        <Button
          block
          color="primary"
          size="large"
          shape="rounded"
          onClick={() => void navigate('/me/addresses/new')}
          data-testid="address-add"
        >
          {t('新增收货地址')}
        </Button>
      </div>
    </div>
  );
}
