import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Modal, Segmented, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, must, problemTitle, type GetOk } from '../../api/client.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';

// 商品审核: the shop's products the 广告法 scanner sent to human review, with the reasons, the operator's decision and
// the history; a rejected product is appealed here with a reason and goes back to the operators' queue.

type Entry = GetOk<'/api/v1/moderation/mine'>[number];
type Status = Entry['item']['status'];
const LIMIT = 100;
const STATUS_TAGS: Record<Status, { color: string; label: MessageKey }> = {
  pending: { color: 'gold', label: '待审核' },
  rejected: { color: 'red', label: '未通过' },
  approved: { color: 'green', label: '已通过' },
};
const ACTIONS = { approve: '审核通过', reject: '驳回', appeal: '提出申诉' } as const;

export default function ProductModerationPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const [status, setStatus] = useState<Status>('rejected');
  const [appealing, setAppealing] = useState<Entry | null>(null);
  const list = useQuery({
    queryKey: ['merchant', merchantId, 'product-moderation'],
    queryFn: () =>
      must(api.GET('/api/v1/moderation/mine', { params: { query: { subjectType: 'product', limit: LIMIT } } })),
  });
  // The list covers every shop the caller manages products for: this page shows the one they act for.
  const mine = (list.data ?? []).filter((e) => e.item.authorId === merchantId);
  const count = (s: Status) => mine.filter((e) => e.item.status === s).length;
  return (
    <>
      <PageHeader
        title={t('商品审核')}
        subtitle={t(
          '广告法扫描送人工审核的商品：待审核期间不上架；未通过可修改商品后重新提交，或写明理由申诉，申诉后重新进入平台审核。显示最近 {n} 条。',
          { n: LIMIT },
        )}
      />
      <Card>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          style={{ marginBottom: 16 }}
          options={(['rejected', 'pending', 'approved'] as Status[]).map((s) => ({
            value: s,
            label: `${t(STATUS_TAGS[s].label)} ${count(s)}`,
          }))}
        />
        {list.isError ? (
          <Alert type="error" showIcon title={problemTitle(list.error)} />
        ) : (
          <Table<Entry>
            rowKey={(e) => e.item.id}
            loading={list.isPending}
            dataSource={mine.filter((e) => e.item.status === status)}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            tableLayout="fixed"
            locale={{ emptyText: status === 'rejected' ? t('没有未通过的商品') : t('暂无记录') }}
            columns={[
              {
                title: t('商品'),
                key: 'product',
                render: (_, e) => (
                  <Flex vertical gap={4} className="cell-wrap">
                    <Link to={`/merchant/products/${e.item.subjectId}`}>{t('编辑商品')}</Link>
                    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
                      {e.item.text}
                    </Typography.Paragraph>
                  </Flex>
                ),
              },
              {
                title: t('审核原因'),
                key: 'reasons',
                width: 300,
                render: (_, e) => (
                  <Flex vertical gap={4} className="cell-wrap">
                    <span>{e.item.reasonText}</span>
                    <Flex wrap gap={4}>
                      {e.item.matchedWords.map((w) => (
                        <Tag key={w} color="red">
                          {w}
                        </Tag>
                      ))}
                    </Flex>
                  </Flex>
                ),
              },
              {
                title: t('处理记录'),
                key: 'history',
                width: 320,
                render: (_, e) => (
                  <Flex vertical gap={4} className="cell-wrap">
                    <Tag color={STATUS_TAGS[e.item.status].color} style={{ width: 'fit-content' }}>
                      {t(STATUS_TAGS[e.item.status].label)}
                    </Tag>
                    <Timeline
                      style={{ marginTop: 8, marginBottom: -24 }}
                      items={[
                        { content: `${dateTime(e.item.createdAt)} ${t('送人工审核')}` },
                        ...e.events.map((ev) => ({
                          color: ev.action === 'reject' ? 'red' : ev.action === 'approve' ? 'green' : 'blue',
                          content: `${dateTime(ev.at)} ${t(ACTIONS[ev.action])}${ev.note ? `：${ev.note}` : ''}`,
                        })),
                      ]}
                    />
                  </Flex>
                ),
              },
              {
                title: t('操作'),
                key: 'actions',
                width: 100,
                render: (_, e) =>
                  e.item.status === 'rejected' ? (
                    <Button size="small" onClick={() => setAppealing(e)} data-testid="product-appeal-open">
                      {t('申诉')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {appealing && <AppealModal entry={appealing} onClose={() => setAppealing(null)} />}
    </>
  );
}

function AppealModal({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const merchantId = useMerchantId();
  const [reason, setReason] = useState('');
  const tooShort = [...reason.trim()].length < 5;
  const appeal = useMutation({
    mutationFn: () =>
      must(
        api.POST('/api/v1/moderation/items/{id}/appeal', {
          params: { path: { id: entry.item.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      notify.success(t('已提交申诉，商品重新进入平台审核'));
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'product-moderation'] });
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open
      title={t('申诉')}
      onCancel={onClose}
      okText={t('提交申诉')}
      okButtonProps={{ disabled: tooShort }}
      confirmLoading={appeal.isPending}
      onOk={() => appeal.mutate()}
    >
      <p>
        {t('驳回说明：')}
        {entry.item.decisionNote ?? t('（无）')}
      </p>
      <Input.TextArea
        rows={4}
        maxLength={500}
        showCount
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('写明理由，例如：“第一”指销量排名，有平台数据为证（至少 5 个字）')}
        aria-label={t('申诉理由')}
      />
    </Modal>
  );
}
