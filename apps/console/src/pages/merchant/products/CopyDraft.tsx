import { BulbOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';

type Draft = { title: string; sellingPoints: string[]; description: string };

/** The text a draft puts into 商品详情: its selling points as a list, then its description. */
const draftText = (d: Draft): string =>
  [d.sellingPoints.map((p) => `· ${p}`).join('\n'), d.description].filter((s) => s.trim() !== '').join('\n\n');

/**
 * AI 文案: drafts copy from the product's saved attributes; the merchant reads it, then inserts it into the
 * description (appended after what is there) or discards it. Nothing is saved until the form is saved.
 */
export function CopyDraft({ productId }: { productId: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const [variant, setVariant] = useState(0);
  const draft = useMutation({
    mutationFn: (v: number) =>
      must(
        api.POST('/api/v1/merchant/products/{id}/copy-draft', {
          params: { path: { id: productId } },
          body: { variant: v },
        }),
      ),
  });
  const ask = (v: number) => {
    setVariant(v);
    draft.mutate(v);
  };
  const insert = (d: Draft) => {
    const current = ((form.getFieldValue('description') as string | undefined) ?? '').trimEnd();
    form.setFieldValue('description', current ? `${current}\n\n${draftText(d)}` : draftText(d));
    draft.reset();
  };
  return (
    <div style={{ marginBottom: 24 }}>
      {!draft.data && (
        <Button icon={<BulbOutlined />} loading={draft.isPending} onClick={() => ask(variant)} data-testid="copy-draft">
          {t('AI 文案')}
        </Button>
      )}
      {draft.isError && (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={problemTitle(draft.error)} />
      )}
      {draft.data && (
        <Card
          size="small"
          title={t('AI 文案草稿（根据已保存的商品属性生成，请核对后使用）')}
          data-testid="copy-draft-card"
          styles={{ body: { background: '#fafafa' } }}
        >
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {draft.data.title}
          </Typography.Paragraph>
          <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
            {draft.data.sellingPoints.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }}>
            {draft.data.description}
          </Typography.Paragraph>
          <Flex gap={8} wrap>
            <Button type="primary" onClick={() => insert(draft.data)} data-testid="copy-draft-insert">
              {t('插入到商品详情')}
            </Button>
            <Button loading={draft.isPending} onClick={() => ask(variant + 1)} data-testid="copy-draft-again">
              {t('换一版')}
            </Button>
            <Button onClick={() => draft.reset()} data-testid="copy-draft-discard">
              {t('放弃')}
            </Button>
          </Flex>
        </Card>
      )}
    </div>
  );
}
