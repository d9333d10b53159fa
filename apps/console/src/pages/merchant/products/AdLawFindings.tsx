import { useMutation } from '@tanstack/react-query';
import { Alert, Space, Tag, Typography } from 'antd';
import { api, must } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';

type Scan = Awaited<ReturnType<typeof scanCopy>>;

const scanCopy = (texts: Record<string, string>) => must(api.POST('/api/v1/compliance/scan', { body: { texts } }));

const FIELD_LABEL: Record<string, '商品标题' | '副标题' | '商品详情'> = {
  title: '商品标题',
  subtitle: '副标题',
  description: '商品详情',
};

/** Checks the copy against the advertising-law rules when the merchant saves; blocking hits also fail the save. */
export function useAdLawScan() {
  return useMutation({
    mutationFn: (texts: { title?: string; subtitle?: string; description?: string }) =>
      scanCopy(
        Object.fromEntries(
          Object.entries(texts).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
        ),
      ),
  });
}

/** Each finding: the words as written, the rule and article, and what to write instead. */
export function AdLawFindings({ scan }: { scan: Scan | undefined }) {
  const t = useT();
  if (!scan || scan.verdict === 'pass') return null;
  const rows = Object.entries(scan.fields).flatMap(([field, f]) => f.findings.map((x) => ({ field, ...x })));
  return (
    <Alert
      type={scan.verdict === 'block' ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="adlaw-findings"
      message={
        scan.verdict === 'block'
          ? t('文案含有广告法禁止的用语，修改后才能保存')
          : t('文案有需要核实的用语，可以保存，请确认有证明材料')
      }
      description={
        <Space direction="vertical" size={4}>
          {rows.map((r) => (
            <div key={`${r.field}-${r.start}`}>
              <Tag color={r.severity === 'block' ? 'red' : 'orange'}>
                {r.severity === 'block' ? t('禁止') : t('提醒')}
              </Tag>
              {FIELD_LABEL[r.field] ? t(FIELD_LABEL[r.field]!) : r.field}：
              <Typography.Text mark>{r.matched}</Typography.Text> {r.title}（{r.article}）
              {r.suggestion && r.suggestion !== r.matched
                ? t('，可改为「{s}」', { s: r.suggestion })
                : r.severity === 'block'
                  ? t('，建议删除')
                  : ''}
            </div>
          ))}
        </Space>
      }
    />
  );
}
