import { Button, Dialog, Input, Stepper, Toast } from 'antd-mobile';
import { useState } from 'react';
import { problemTitle } from '../api/client.ts';
import { useMyPoints, usePreviewGift, useSendGift } from '../api/points.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';
import './Points.css';

/** 赠送好友: find the friend by phone, confirm the masked name, then send. */
export default function PointsGiftPage() {
  const t = useT();
  const me = useMyPoints();
  const preview = usePreviewGift();
  const send = useSendGift();
  const [phone, setPhone] = useState('');
  const [points, setPoints] = useState(100);
  const [message, setMessage] = useState('');
  const recipient = preview.data && preview.variables === phone ? preview.data : undefined;
  const balance = me.data?.balance ?? 0;

  const find = () => preview.mutate(phone.trim(), { onError: (err) => Toast.show({ content: problemTitle(err) }) });
  const submit = async () => {
    if (!recipient) return;
    const go = await Dialog.confirm({
      title: t('确认赠送'),
      content: t('赠送 {points} 积分给 {name}（{phone}）？赠出后不可撤回。', {
        points,
        name: recipient.nickname,
        phone: recipient.phone,
      }),
    });
    if (!go) return;
    send.mutate(
      { phone: phone.trim(), points, ...(message.trim() ? { message: message.trim() } : {}) },
      {
        onSuccess: (r) => {
          Toast.show({ icon: 'success', content: t('已赠送 {points} 积分', { points: r.points }) });
          preview.reset();
          setPhone('');
        },
        onError: (err) => Toast.show({ content: problemTitle(err) }),
      },
    );
  };

  return (
    <div className="page">
      <PageHeader title={t('赠送好友')} backTo="/points" />
      <section className="card">
        <label htmlFor="gift-phone" className="section-title" style={{ display: 'block' }}>
          {t('好友手机号')}
        </label>
        <div className="row">
          <Input
            id="gift-phone"
            className="grow"
            type="tel"
            maxLength={11}
            placeholder={t('输入好友注册好物的手机号')}
            value={phone}
            onChange={setPhone}
          />
          <Button
            size="small"
            color="primary"
            fill="outline"
            disabled={!/^1[3-9]\d{9}$/.test(phone.trim())}
            loading={preview.isPending}
            onClick={find}
          >
            {t('查找')}
          </Button>
        </div>
        {recipient && (
          <p className="points-member-note" data-testid="gift-recipient">
            {t('收款人：{name}（{phone}）', { name: recipient.nickname, phone: recipient.phone })}
          </p>
        )}
      </section>
      {recipient && (
        <section className="card">
          <h2>{t('赠送积分')}</h2>
          <div className="row-between">
            <span className="muted">{t('可用 {n} 积分，每次至少 100', { n: balance })}</span>
            <Stepper
              min={100}
              max={Math.max(100, Math.min(balance, 10000))}
              step={100}
              value={points}
              onChange={(v) => setPoints(v)}
              aria-label={t('赠送积分')}
            />
          </div>
          <Input
            style={{ marginTop: 12 }}
            maxLength={50}
            placeholder={t('留言（选填）')}
            value={message}
            onChange={setMessage}
            aria-label={t('留言（选填）')}
          />
          <Button
            block
            color="primary"
            shape="rounded"
            style={{ marginTop: 12 }}
            disabled={balance < points}
            loading={send.isPending}
            onClick={() => void submit()}
          >
            {balance < points ? t('积分不足') : t('确认赠送')}
          </Button>
        </section>
      )}
      <p className="muted" style={{ margin: '12px' }}>
        {t('赠出的积分保留原有效期；每天最多赠送 10000 积分。')}
      </p>
    </div>
  );
}
