import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Avatar,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Rate,
  Segmented,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, must, problemTitle } from '../../api/client.ts';
import type { MerchantReview } from '../../api/types.ts';
import { useMerchantId } from '../../app/merchantScope.ts';
import { useCursorList } from '../../components/CursorTable.tsx';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

type Filter = 'unreplied' | 'replied' | 'all';
const FILTERS: Filter[] = ['unreplied', 'replied', 'all'];

function ReplyBox({ review }: { review: MerchantReview }) {
  const t = useT();
  const merchantId = useMerchantId();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<{ content: string }>();
  const reply = useMutation({
    mutationFn: (content: string) =>
      must(api.POST('/api/v1/merchant/reviews/{id}/reply', { params: { path: { id: review.id } }, body: { content } })),
    onSuccess: () => {
      notify.success(t('回复已发布'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['merchant', merchantId, 'reviews'] });
    },
    onError: notify.error,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => reply.mutate(v.content.trim())}
      style={{ marginTop: 12 }}
    >
      <Form.Item
        name="content"
        label={t('回复买家')}
        rules={[
          { required: true, whitespace: true, message: t('请填写回复内容') },
          { max: 500, message: t('回复最多 500 个字') },
        ]}
        extra={t('每条评价只能回复一次，回复后公开展示在商品评价下。')}
      >
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="review-reply-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={reply.isPending} data-testid="review-reply-submit">
        {t('发布回复')}
      </Button>
    </Form>
  );
}

/** Product titles for the reviews on screen (the reviews list carries only product ids), one cached request per product. */
function useProductTitles(ids: string[]): Map<string, string> {
  const merchantId = useMerchantId();
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['merchant', merchantId, 'product', id],
      queryFn: () => must(api.GET('/api/v1/merchant/products/{id}', { params: { path: { id } } })),
      staleTime: 10 * 60_000,
    })),
  });
  const titles = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) titles.set(unique[i]!, r.data.title);
  });
  return titles;
}

function ReviewCard({ review, productTitle }: { review: MerchantReview; productTitle: string | undefined }) {
  const t = useT();
  return (
    <Card size="small" data-testid="review-item" data-review-id={review.id}>
      <Flex gap={12} align="flex-start">
        <Avatar src={review.author.avatarUrl ?? undefined} alt="">
          {review.author.nickname.slice(0, 1)}
        </Avatar>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Flex justify="space-between" wrap gap={8}>
            <Space wrap size="small">
              <Typography.Text strong>{review.author.nickname}</Typography.Text>
              {review.kind === 'follow_up' ? <Tag>{t('追评')}</Tag> : null}
              {review.rating != null ? (
                <Rate
                  disabled
                  value={review.rating}
                  style={{ fontSize: 14 }}
                  aria-label={t('{n} 星', { n: review.rating })}
                />
              ) : null}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dateTime(review.createdAt)}
            </Typography.Text>
          </Flex>
          {productTitle ? (
            <Link to={`/merchant/products/${review.productId}`} style={{ display: 'block', fontSize: 13 }}>
              {productTitle}
            </Link>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('规格：{spec}', { spec: review.specText })} ·{' '}
            <Link to={`/merchant/orders/${review.orderId}`}>{t('订单 {id}', { id: review.orderId })}</Link>
            {review.ratings
              ? ` · ${t('质量 {q} · 物流 {l} · 服务 {s}', { q: review.ratings.quality, l: review.ratings.logistics, s: review.ratings.service })}`
              : ''}
          </Typography.Text>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 8, whiteSpace: 'pre-wrap' }}>
            {review.content || t('（买家未填写文字）')}
          </Typography.Paragraph>
          {review.images.length > 0 ? (
            <Image.PreviewGroup>
              <Space wrap>
                {review.images.map((src, i) => (
                  <Image
                    key={src}
                    src={src}
                    width={72}
                    height={72}
                    style={{ objectFit: 'cover' }}
                    alt={t('评价图片 {n}', { n: i + 1 })}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : null}
          {review.reply ? (
            <div
              style={{ background: '#fafafa', borderRadius: 6, padding: '8px 12px', marginTop: 8 }}
              data-testid="review-reply"
            >
              <Typography.Text strong>{t('商家回复')}：</Typography.Text>
              <Typography.Text>{review.reply.content}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {dateTime(review.reply.createdAt)}
              </Typography.Text>
            </div>
          ) : (
            <ReplyBox review={review} />
          )}
        </div>
      </Flex>
    </Card>
  );
}

export default function ReviewsPage() {
  const t = useT();
  const merchantId = useMerchantId();
  const [params, setParams] = useSearchParams();
  const filter: Filter = FILTERS.find((f) => f === params.get('filter')) ?? 'unreplied';
  const { query, items } = useCursorList(['merchant', merchantId, 'reviews', filter], (cursor) =>
    must(
      api.GET('/api/v1/merchant/reviews', {
        params: {
          query: {
            ...(filter !== 'all' ? { replied: filter === 'replied' ? 'true' : 'false' } : {}),
            ...(cursor ? { cursor } : {}),
            limit: 20,
          },
        },
      }),
    ),
  );
  const labels: Record<Filter, string> = { unreplied: t('待回复'), replied: t('已回复'), all: t('全部') };
  const titles = useProductTitles(items.map((r) => r.productId));
  return (
    <>
      <PageHeader
        title={t('评价管理')}
        subtitle={t('评价来自已确认收货的真实订单，发布后不可修改；及时回复能让后来的买家看到你的服务。')}
      />
      <Segmented
        aria-label={t('评价筛选')}
        className="filter-bar"
        value={filter}
        onChange={(v) => setParams(v === 'unreplied' ? {} : { filter: v }, { replace: true })}
        options={FILTERS.map((f) => ({ value: f, label: labels[f] }))}
      />
      {query.isPending ? (
        <Card>
          <Skeleton active avatar paragraph={{ rows: 3 }} />
        </Card>
      ) : query.isError && items.length === 0 ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(query.error)} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={filter === 'unreplied' ? t('没有待回复的评价') : t('还没有评价')} />
        </Card>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {items.map((r) => (
            <ReviewCard key={r.id} review={r} productTitle={titles.get(r.productId)} />
          ))}
          <Flex justify="center">
            {query.hasNextPage ? (
              <Button
                onClick={() => void query.fetchNextPage()}
                loading={query.isFetchingNextPage}
                data-testid="load-more"
              >
                {t('加载更多')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('已全部加载，共 {n} 条', { n: items.length })}</Typography.Text>
            )}
          </Flex>
        </Space>
      )}
    </>
  );
}
