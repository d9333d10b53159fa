import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useT } from '../../../i18n/index.tsx';
import { ROLE_LABEL } from './abilities.ts';
import { ASSISTANT_ROLES, PHONE } from './form.ts';

/** 助手（1 + N）: the session's 场控 / 客服 / 数据 by phone; a phone may hold one role. */
export function TeamCard({ repeatedPhones }: { repeatedPhones: Set<number> }) {
  const t = useT();
  return (
    <Card
      title={t('助手（1 + N）')}
      extra={
        <Typography.Text type="secondary">
          {t('场控可置顶、禁言、抽奖投票；客服回答观众提问；数据只看大屏')}
        </Typography.Text>
      }
      style={{ marginBottom: 16 }}
    >
      <Form.List name="roles">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('请选择角色') }]}>
                  <Select
                    style={{ width: 120 }}
                    placeholder={t('角色')}
                    options={ASSISTANT_ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r] as '场控') }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'phone']}
                  rules={[{ required: true, pattern: PHONE, message: t('请输入 11 位手机号') }]}
                  validateStatus={repeatedPhones.has(i) ? 'error' : undefined}
                  help={repeatedPhones.has(i) ? t('一个账号只能担任一个角色') : undefined}
                >
                  <Input style={{ width: 200 }} inputMode="numeric" maxLength={11} placeholder={t('手机号')} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('移除这位助手')}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'controller' })}
              disabled={fields.length >= 10}
            >
              {t('添加助手')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
