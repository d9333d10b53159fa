import { Space, Typography, type TableColumnsType } from 'antd';
import { dateTime } from '../../components/format.ts';
import type { useT } from '../../i18n/index.tsx';
import { COMPLAINT_CATEGORY } from './cases.ts';

type ComplaintRow = {
  id: string;
  category: keyof typeof COMPLAINT_CATEGORY;
  description: string;
  orderId: string | null;
  createdAt: string;
};

/** The columns both complaint queues (platform and shop) start with: what, which order, when filed. */
export function complaintColumns<R extends ComplaintRow>(
  t: ReturnType<typeof useT>,
  open: (id: string) => void,
  opts: { testId: string; descriptionWidth: number },
): TableColumnsType<R> {
  return [
    {
      title: t('投诉'),
      key: 'what',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => open(r.id)} data-testid={opts.testId}>
            {t(COMPLAINT_CATEGORY[r.category])}
          </Typography.Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: opts.descriptionWidth }}>
            {r.description}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('订单'), dataIndex: 'orderId', width: 200 },
    { title: t('提交时间'), key: 'at', width: 170, render: (_, r) => dateTime(r.createdAt) },
  ];
}
