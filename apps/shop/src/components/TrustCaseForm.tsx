import { useMutation } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { FieldTextArea } from './Field.tsx';
import { PhotoUploader } from './PhotoUploader.tsx';
import { useT, type MessageKey } from '../i18n/index.tsx';

interface CaseFields {
  choice: string;
  description: string;
  images: string[];
}

/**
 * The form of a complaint (投诉) or a 先行赔付 claim: what it is about (`intro`), the category chips, `extra` fields
 * (the claim's amount), the description and evidence. `submit` files it and returns the progress page to go to.
 */
export function TrustCaseForm({
  kind,
  intro,
  options,
  extra,
  check,
  submit,
}: {
  kind: 'complaint' | 'claim';
  intro: ReactNode;
  options: { value: string; label: MessageKey }[];
  extra?: ReactNode;
  /** A message when the extra fields are not right. */
  check?: () => string | null;
  submit: (fields: CaseFields) => Promise<string>;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => submit({ choice: choice!, description, images }),
    onSuccess: async (to) => {
      Toast.show({ icon: 'success', content: kind === 'complaint' ? t('投诉已提交') : t('申请已提交') });
      await navigate(to, { replace: true });
    },
  });
  const go = () => {
    if (!choice) return setError(kind === 'complaint' ? t('请选择投诉类型') : t('请选择赔付原因'));
    if (description.trim().length < 5) return setError(t('请至少用 5 个字说明问题'));
    const wrong = check?.();
    if (wrong) return setError(wrong);
    setError(null);
    send.mutate();
  };
  return (
    <>
      <section className="card">{intro}</section>
      <form
        className="as-form"
        data-testid={`${kind}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <fieldset className="card as-fieldset">
          <legend className="section-title">{kind === 'complaint' ? t('投诉类型') : t('赔付原因')}</legend>
          <div className="as-chips">
            {options.map((x) => (
              <label key={x.value} className={`as-chip ${choice === x.value ? 'on' : ''}`}>
                <input
                  type="radio"
                  name="choice"
                  value={x.value}
                  checked={choice === x.value}
                  onChange={() => setChoice(x.value)}
                  data-testid={`${kind}-option-${x.value}`}
                />
                {t(x.label)}
              </label>
            ))}
          </div>
        </fieldset>
        {extra}
        <section className="card">
          <label htmlFor="case-description" className="section-title" style={{ display: 'block' }}>
            {t('问题描述')}
          </label>
          <FieldTextArea
            id="case-description"
            value={description}
            onChange={setDescription}
            maxLength={500}
            showCount
            rows={4}
            placeholder={t('请写清楚发生了什么，平台会据此核实')}
            data-testid="case-description"
          />
          <p className="section-title" style={{ margin: '12px 0 8px' }}>
            {t('上传凭证（最多 6 张）')}
          </p>
          <PhotoUploader value={images} onChange={setImages} max={6} label={t('凭证')} testId="case-photos" />
        </section>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <div className="action-bar">
        <Button
          block
          color="primary"
          size="large"
          shape="rounded"
          loading={send.isPending}
          onClick={go}
          data-testid="case-submit"
        >
          {t('提交')}
        </Button>
      </div>
    </>
  );
}
