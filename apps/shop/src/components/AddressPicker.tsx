import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Popup } from 'antd-mobile';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { addressesKey, formatAddress, useAddresses, type Address, type AddressInput } from '../api/addresses.ts';
import { api, must } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { maskPhone } from '../lib/format.ts';
import { AddressForm } from './AddressForm.tsx';
import './AddressPicker.css';

interface Props {
  visible: boolean;
  onClose: () => void;
  /** The address shown as chosen. */
  selectedId?: string | undefined;
  /** A saved address was tapped, or a new one was just saved. */
  onPick: (address: Address) => void;
  title?: string;
  /** Above the list: what picking does here, or why the last pick was refused. */
  notice?: ReactNode;
  /** While the pick is being applied, the list cannot be tapped again. */
  busy?: boolean;
  addTestId?: string;
}

/** The buyer's address book as a bottom sheet: pick one, or add one and use it. Checkout and the order page share it. */
export function AddressPicker({ visible, onClose, selectedId, onPick, title, notice, busy, addTestId }: Props) {
  const t = useT();
  const qc = useQueryClient();
  const addresses = useAddresses(visible);
  const [adding, setAdding] = useState(false);
  const addAddress = useMutation({
    mutationFn: (input: AddressInput) => must(api.POST('/api/v1/me/addresses', { body: input })),
    onSuccess: async (created) => {
      await qc.invalidateQueries({ queryKey: addressesKey });
      setAdding(false);
      onPick(created);
    },
  });

  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '80vh', overflowY: 'auto' }}
    >
      <div className="address-popup" role="dialog" aria-label={title ?? t('选择收货地址')}>
        <div className="row-between address-popup-head">
          <h2>{adding ? t('新增收货地址') : (title ?? t('选择收货地址'))}</h2>
          <button type="button" className="text-button" onClick={() => (adding ? setAdding(false) : onClose())}>
            {adding ? t('返回') : t('关闭')}
          </button>
        </div>
        {adding ? (
          <AddressForm
            submitting={addAddress.isPending}
            onSubmit={(v) => addAddress.mutate(v)}
            submitText={t('保存并使用')}
          />
        ) : (
          <>
            {notice}
            <ul className="address-options" aria-busy={busy ?? false}>
              {(addresses.data ?? []).map((a: Address) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className={`address-option ${a.id === selectedId ? 'is-selected' : ''}`}
                    aria-pressed={a.id === selectedId}
                    disabled={busy}
                    onClick={() => onPick(a)}
                  >
                    <span className="checkout-address-who">
                      {a.recipient} <span>{maskPhone(a.phone)}</span>
                      {a.isDefault && <span className="tag brand">{t('默认')}</span>}
                    </span>
                    <span className="checkout-address-text">{formatAddress(a)}</span>
                  </button>
                </li>
              ))}
            </ul>
            {addresses.data?.length === 0 && (
              <p className="muted" style={{ textAlign: 'center' }}>
                {t('还没有收货地址')}
              </p>
            )}
            <div className="address-popup-foot">
              <Button
                block
                color="primary"
                fill="outline"
                disabled={busy}
                onClick={() => setAdding(true)}
                {...(addTestId ? { 'data-testid': addTestId } : {})}
              >
                {t('新增收货地址')}
              </Button>
              <Link to="/me/addresses" className="link-more">
                {t('管理收货地址')}
              </Link>
            </div>
          </>
        )}
      </div>
    </Popup>
  );
}
