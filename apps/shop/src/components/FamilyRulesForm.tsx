import { Button, Input, Popup, Selector } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, problemTitle } from '../api/client.ts';
import { useCategories } from '../api/catalog.ts';
import { useT } from '../i18n/index.tsx';
import { parseYuan, yuan } from '../lib/money.ts';

export interface FamilyRules {
  parentPhone?: string;
  monthlyBudget: number;
  allowedCategoryIds: string[];
}

/**
 * The child's form for a 亲情付 binding: the parent's phone (inviting only), the monthly budget in 元 and the
 * top-level categories it may be spent on (none picked: every category). The server checks every rule again.
 */
export function FamilyRulesForm({
  visible,
  invite,
  initial,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  visible: boolean;
  invite: boolean;
  initial?: { monthlyBudget: number; allowedCategoryIds: string[] };
  pending: boolean;
  error: unknown;
  onSubmit: (rules: FamilyRules) => void;
  onClose: () => void;
}) {
  const t = useT();
  const categories = useCategories();
  const [phone, setPhone] = useState('');
  const [budget, setBudget] = useState(initial ? yuan(initial.monthlyBudget) : '');
  const [picked, setPicked] = useState<string[]>(initial?.allowedCategoryIds ?? []);
  const fen = parseYuan(budget);
  const phoneOk = !invite || /^1\d{10}$/.test(phone.trim());
  const budgetOk = fen !== undefined && fen >= 100;

  return (
    <Popup visible={visible} onMaskClick={onClose} bodyStyle={{ borderRadius: '12px 12px 0 0', padding: 16 }}>
      <form
        className="family-form"
        aria-label={invite ? t('邀请家人开通亲情付') : t('修改额度与类目')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!phoneOk || !budgetOk) return;
          onSubmit({
            ...(invite ? { parentPhone: phone.trim() } : {}),
            monthlyBudget: fen,
            allowedCategoryIds: picked,
          });
        }}
      >
        <h2 className="section-title">{invite ? t('邀请家人开通亲情付') : t('修改额度与类目')}</h2>
        {invite && (
          <label className="family-field">
            <span>{t('家人的手机号')}</span>
            <Input
              type="tel"
              maxLength={11}
              placeholder={t('家人注册好物的手机号')}
              value={phone}
              onChange={setPhone}
              data-testid="family-phone"
            />
          </label>
        )}
        <label className="family-field">
          <span>{t('每月额度（元）')}</span>
          <Input
            inputMode="decimal"
            placeholder={t('至少 1 元')}
            value={budget}
            onChange={setBudget}
            data-testid="family-budget"
          />
        </label>
        <fieldset className="family-field">
          <legend>{t('可用类目（不选即不限）')}</legend>
          <Selector
            multiple
            columns={3}
            options={(categories.data ?? []).map((c) => ({ label: c.name, value: c.id }))}
            value={picked}
            onChange={setPicked}
          />
        </fieldset>
        <p className="muted family-note">
          {invite
            ? t('家人确认后生效。家人下单时可请你付款，每月不超过额度；每笔仍需你确认。')
            : t('修改后立即生效；已在等待付款的订单仍按原来占用的额度。')}
        </p>
        {Boolean(error) && (
          <p className="family-error" role="alert" data-testid="family-form-error">
            {problemTitle(error)}
            {error instanceof ApiError && error.problem.detail ? `：${error.problem.detail}` : ''}
          </p>
        )}
        <div className="row family-form-actions">
          <Button shape="rounded" className="grow" onClick={onClose}>
            {t('取消')}
          </Button>
          <Button
            type="submit"
            color="primary"
            shape="rounded"
            className="grow"
            loading={pending}
            disabled={!phoneOk || !budgetOk}
            data-testid="family-form-submit"
          >
            {invite ? t('发送邀请') : t('保存')}
          </Button>
        </div>
      </form>
    </Popup>
  );
}
