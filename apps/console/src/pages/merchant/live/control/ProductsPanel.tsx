import { PushpinFilled, PushpinOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useNotify } from '../../../../components/feedback.ts';
import { yuan } from '../../../../components/format.ts';
import { useT } from '../../../../i18n/index.tsx';
import { liveCall, liveKeys, livePaths } from '../api.ts';
import type { LiveControl } from '../types.ts';

/** The product bag in order; 置顶讲解 puts one product's card over every viewer's video, 取消置顶 takes it down. */
export function ProductsPanel({ c, canPin }: { c: LiveControl; canPin: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const sessionId = c.session.id;
  const pin = useMutation({
    mutationFn: (productId: string | null) =>
      productId
        ? liveCall<unknown>('POST', `${livePaths.session(sessionId)}/pin`, { productId })
        : liveCall<unknown>('DELETE', `${livePaths.session(sessionId)}/pin`),
    onSuccess: (_, productId) => {
      notify.success(productId ? t('已置顶，观众马上能看到商品卡') : t('已取消置顶'));
      void qc.invalidateQueries({ queryKey: liveKeys.control(sessionId) });
    },
    onError: notify.error,
  });
  const pinnedId = c.pinned?.productId;

  return (
    <Card
      size="small"
      title={t('直播商品（{n}）', { n: c.products.length })}
      styles={{ body: { padding: 0, height: 388, overflowY: 'auto' } }}
    >
      {c.products.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('这场直播还没有商品')} />
      ) : (
        <List
          dataSource={c.products}
          renderItem={(p, i) => {
            const pinned = p.productId === pinnedId;
            return (
              <List.Item
                style={{ paddingInline: 12, background: pinned ? '#fff1f0' : undefined, minWidth: 0 }}
                data-testid="live-product"
                actions={
                  canPin
                    ? [
                        pinned ? (
                          <Button
                            key="unpin"
                            size="small"
                            icon={<PushpinFilled />}
                            loading={pin.isPending && pin.variables === null}
                            onClick={() => pin.mutate(null)}
                            data-testid="live-unpin"
                          >
                            {t('取消置顶')}
                          </Button>
                        ) : (
                          <Button
                            key="pin"
                            size="small"
                            type="primary"
                            ghost
                            icon={<PushpinOutlined />}
                            loading={pin.isPending && pin.variables === p.productId}
                            onClick={() => pin.mutate(p.productId)}
                            data-testid={`live-pin-${p.productId}`}
                          >
                            {t('置顶讲解')}
                          </Button>
                        ),
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  avatar={
                    <Space size={8}>
                      <Typography.Text
                        type="secondary"
                        style={{ width: 18, display: 'inline-block', textAlign: 'right' }}
                      >
                        {i + 1}
                      </Typography.Text>
                      <Avatar shape="square" size={48} src={p.imageUrl ?? undefined} alt="">
                        {p.title.slice(0, 1)}
                      </Avatar>
                    </Space>
                  }
                  title={
                    <Typography.Text ellipsis={{ tooltip: p.title }} style={{ display: 'block' }}>
                      {p.title}
                    </Typography.Text>
                  }
                  description={
                    <>
                      {pinned ? <Tag color="red">{t('讲解中')}</Tag> : null}
                      <Typography.Text strong style={{ color: '#c41d3a' }}>
                        {yuan(p.price)}
                      </Typography.Text>
                      {p.claim ? (
                        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                          {p.claim}
                        </Typography.Text>
                      ) : null}
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
