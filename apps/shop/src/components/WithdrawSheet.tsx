import { Button, Form, Input, Popup, Toast } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { problemTitle } from '../api/client.ts';
import { newIdempotencyKey, usePayoutAccount, useSetPayoutAccount, useWithdraw } from '../api/distribution.ts';
import { useT } from '../i18n/index.tsx';
import { parseYuan, yuan } from '../lib/money.ts';

/** Bottom sheet: bind a payout account if there is none, then withdraw an amount from the available balance. */
export function WithdrawSheet({
  open,
  onClose,
  available,
  minimum,
}: {
  open: boolean;
  onClose: () => void;
  available: number;
  minimum: number;
}) {
  const t = useT();
  const account = usePayoutAccount();
  const bindAccount = useSetPayoutAccount();
  const withdraw = useWithdraw();
  const [editing, setEditing] = useState(false);
  const [amountText, setAmountText] = useState('');
  // One key per opened sheet: a double tap or a retry after a dropped connection withdraws once.
  const key = useMemo(() => (open ? newIdempotencyKey() : ''), [open]);
  const amount = parseYuan(amountText);
  const current = account.data?.account ?? null;
  const problem =
    amountText === ''
      ? null
      : amount === undefined
        ? t('请输入正确的金额')
        : amount < minimum
          ? t('单笔提现不能低于 ¥{min}', { min: yuan(minimum) })
          : amount > available
            ? t('超出可提现余额')
            : null;

  const submit = () => {
    if (amount === undefined || problem) return;
    withdraw.mutate(
      { amount, key },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('提现申请已提交') });
          setAmountText('');
          onClose();
        },
        onError: (err) => Toast.show({ content: problemTitle(err) }),
      },
    );
  };

  return (
    <Popup
      visible={open}
      onMaskClick={onClose}
      bodyStyle={{ borderRadius: '12px 12px 0 0', padding: '16px 12px 24px' }}
    >
      <h2 className="section-title">{t('提现')}</h2>
      {!current || editing ? (
        <Form
          layout="horizontal"
          className="dist-form"
          onFinish={(v: { holderName: string; accountNo: string }) =>
            bindAccount.mutate(v, {
              onSuccess: () => setEditing(false),
              onError: (err) => Toast.show({ content: problemTitle(err) }),
            })
          }
          footer={
            <Button
              block
              type="submit"
              color="primary"
              loading={bindAccount.isPending}
              data-testid="payout-account-save"
            >
              {t('保存收款账户')}
            </Button>
          }
        >
          <Form.Item name="holderName" label={t('真实姓名')} rules={[{ required: true, message: t('请填写真实姓名') }]}>
            <Input placeholder={t('与收款账户一致')} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="accountNo"
            label={t('收款账号')}
            rules={[{ required: true, message: t('请填写银行卡号或支付宝账号') }]}
          >
            <Input placeholder={t('银行卡号或支付宝账号')} inputMode="numeric" />
          </Form.Item>
          <p className="muted">{t('账号仅以脱敏形式保存，由支付渠道负责打款。')}</p>
        </Form>
      ) : (
        <>
          <div className="row-between card" style={{ margin: '0 0 12px' }}>
            <span>
              {t('到账账户')} {current.holderName} · {current.maskedAccount}
            </span>
            <Button size="mini" fill="none" color="primary" onClick={() => setEditing(true)}>
              {t('更换')}
            </Button>
          </div>
          <Input
            aria-label={t('提现金额（元）')}
            placeholder={t('可提现 ¥{n}', { n: yuan(available) })}
            value={amountText}
            onChange={setAmountText}
            inputMode="decimal"
            data-testid="withdraw-amount"
            style={{ '--font-size': '22px' }}
          />
          <p
            className="muted"
            role={problem ? 'alert' : undefined}
            style={{ color: problem ? 'var(--adm-color-danger)' : undefined }}
          >
            {problem ?? t('单笔不低于 ¥{min}；按劳务报酬代扣个税后打款，明细见月度对账单。', { min: yuan(minimum) })}
          </p>
          <Button
            block
            color="primary"
            disabled={amount === undefined || problem !== null}
            loading={withdraw.isPending}
            onClick={submit}
            data-testid="withdraw-submit"
          >
            {t('确认提现')}
          </Button>
        </>
      )}
    </Popup>
  );
}
