import { useMutation } from '@tanstack/react-query';
import { Alert, Avatar, Button, Card, Descriptions, Empty, Flex, Form, Input, Space, Spin, Typography } from 'antd';
import { api, isApiStatus, must, problemTitle } from '../../../api/client.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { UnmaskablePhone } from '../../../components/UnmaskablePhone.tsx';
import { useT } from '../../../i18n/index.tsx';

interface Search {
  phone: string;
  reason: string;
}

/**
 * 用户查询: staff with users.read find one person by their exact phone, giving a reason. The profile shows the phone
 * masked; every search (found or not) is on the access trail and a public transparency entry.
 */
export default function UserLookupPage() {
  const t = useT();
  const [form] = Form.useForm<Search>();
  const lookup = useMutation({
    mutationFn: (body: Search) => must(api.POST('/api/v1/admin/users/lookup', { body })),
  });
  const user = lookup.data;
  return (
    <>
      <PageHeader
        title={t('用户查询')}
        subtitle={t('按完整手机号查找一位用户；手机号脱敏显示，查看完整号码须另外说明理由。')}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Search>
          form={form}
          layout="inline"
          requiredMark={false}
          disabled={lookup.isPending}
          onFinish={(v) => lookup.mutate({ phone: v.phone.trim(), reason: v.reason.trim() })}
        >
          <Form.Item
            name="phone"
            label={t('手机号')}
            rules={[
              { required: true, whitespace: true, message: t('请填写手机号') },
              { pattern: /^\s*1\d{10}\s*$/, message: t('请输入 11 位手机号') },
            ]}
          >
            <Input allowClear maxLength={11} inputMode="numeric" style={{ width: 180 }} data-testid="lookup-phone" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('查询原因')}
            rules={[
              { required: true, whitespace: true, message: t('请说明查询理由') },
              { min: 4, message: t('请说明查询理由（至少 4 个字）') },
              { max: 200, message: t('理由最多 200 字') },
            ]}
          >
            <Input allowClear maxLength={200} style={{ width: 360 }} data-testid="lookup-reason" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={lookup.isPending} data-testid="lookup-search">
              {t('查询')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('每次查询都会记入访问记录并公开到透明度日志。')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('查询结果')}>
        {lookup.isPending ? (
          <Flex justify="center" style={{ padding: 32 }}>
            <Space data-testid="lookup-loading">
              <Spin />
              <Typography.Text type="secondary">{t('正在查询…')}</Typography.Text>
            </Space>
          </Flex>
        ) : lookup.isError ? (
          isApiStatus(lookup.error, 404) ? (
            <Empty description={t('未找到该手机号的用户')} data-testid="lookup-not-found" />
          ) : (
            <Alert type="error" showIcon title={problemTitle(lookup.error)} />
          )
        ) : user ? (
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 160 } }} data-testid="lookup-result">
            <Descriptions.Item label={t('昵称')}>
              <Space>
                <Avatar src={user.avatarUrl ?? undefined}>{user.nickname.slice(0, 1)}</Avatar>
                <span>{user.nickname}</span>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('手机号')}>
              <UnmaskablePhone
                key={user.userId}
                masked={user.phone}
                unmask={(reason) =>
                  must(
                    api.POST('/api/v1/admin/users/{userId}/phone', {
                      params: { path: { userId: user.userId } },
                      body: { reason },
                    }),
                  )
                }
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('用户编号')}>
              <Typography.Text code copyable>
                {user.userId}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('输入手机号和查询原因后查询')} />
        )}
      </Card>
    </>
  );
}
