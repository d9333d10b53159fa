import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, must, problemTitle } from '../../api/client.ts';
import { useNotify } from '../../components/feedback.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ADMISSION_LABEL, type MerchantCommunity, useMerchantCommunities } from './community/api.ts';
import { useCommunityRefresh } from './community/api.ts';

/** 社群管理: the shop's communities with each group's real head count against the 500 cap. */
export default function CommunitiesPage() {
  const t = useT();
  const list = useMerchantCommunities();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('社群管理')}
        subtitle={t('每个群最多 500 人，满员后新成员自动进入下一个群；买家首次下单后自动加入本店粉丝专属群。')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('新建社群')}
          </Button>
        }
      />
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : list.isError ? (
        <Alert
          type="error"
          showIcon
          title={problemTitle(list.error)}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              {t('重试')}
            </Button>
          }
        />
      ) : list.data.length === 0 ? (
        <Empty description={t('还没有社群；买家首次下单后会自动创建本店粉丝专属群')} />
      ) : (
        <Flex vertical gap={16}>
          {list.data.map((c) => (
            <CommunityCard key={c.id} c={c} />
          ))}
        </Flex>
      )}
      <CreateCommunity open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CommunityCard({ c }: { c: MerchantCommunity }) {
  const t = useT();
  return (
    <Card
      data-testid="community-card"
      title={
        <Space>
          {c.name}
          {c.exclusive && <Tag color="red">{t('粉丝专属')}</Tag>}
          <Tag>{t(ADMISSION_LABEL[c.admission])}</Tag>
        </Space>
      }
      extra={<Link to={`/merchant/communities/${c.id}`}>{t('管理与 SCRM')}</Link>}
    >
      <Space size="large" wrap>
        <Typography.Text>{t('成员 {n} 人', { n: c.memberCount })}</Typography.Text>
        <Typography.Text>{t('{n} 个群', { n: c.groups.length })}</Typography.Text>
        {c.pendingApplications > 0 && (
          <Tag color="orange">{t('{n} 条入群申请待审核', { n: c.pendingApplications })}</Tag>
        )}
      </Space>
      <Flex vertical gap={6} style={{ marginTop: 12, maxWidth: 520 }}>
        {c.groups.map((g) => (
          <Flex key={g.id} align="center" gap={12}>
            <Typography.Text style={{ width: 56 }}>{t('{n} 群', { n: g.seq })}</Typography.Text>
            <Progress
              percent={Math.round((g.memberCount / g.capacity) * 100)}
              showInfo={false}
              style={{ flex: 1, margin: 0 }}
              aria-label={t('{n} 群人数', { n: g.seq })}
            />
            <Typography.Text
              type="secondary"
              style={{ width: 80, textAlign: 'right' }}
            >{`${g.memberCount} / ${g.capacity}`}</Typography.Text>
          </Flex>
        ))}
        {c.groups.length === 0 && <Typography.Text type="secondary">{t('第一位成员加入时开设 1 群')}</Typography.Text>}
      </Flex>
    </Card>
  );
}

interface CreateForm {
  name: string;
  description: string;
  admission: MerchantCommunity['admission'];
  admissionMinTier?: 'silver' | 'gold' | 'diamond';
  exclusive: boolean;
}

function CreateCommunity({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [form] = Form.useForm<CreateForm>();
  const refresh = useCommunityRefresh('');
  const admission = Form.useWatch('admission', form);
  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      must(api.POST('/api/v1/merchant/communities', { body: { ...v, description: v.description ?? '' } })),
    onSuccess: () => {
      notify.success(t('社群已创建'));
      form.resetFields();
      refresh();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={open}
      title={t('新建社群')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('创建')}
      destroyOnHidden
    >
      <Form
        form={form}
        name="community"
        layout="vertical"
        initialValues={{ admission: 'open', exclusive: false }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('社群名称')}
          rules={[{ required: true, min: 2, max: 30, message: t('社群名称 2–30 个字') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="description" label={t('简介')}>
          <Input.TextArea rows={2} maxLength={300} showCount />
        </Form.Item>
        <Form.Item name="admission" label={t('入群规则')}>
          <Select
            options={(Object.keys(ADMISSION_LABEL) as MerchantCommunity['admission'][]).map((k) => ({
              value: k,
              label: t(ADMISSION_LABEL[k]),
            }))}
          />
        </Form.Item>
        {admission === 'tier' && (
          <Form.Item
            name="admissionMinTier"
            label={t('最低会员等级')}
            rules={[{ required: true, message: t('请选择最低会员等级') }]}
          >
            <Select
              options={[
                { value: 'silver', label: t('白银') },
                { value: 'gold', label: t('黄金') },
                { value: 'diamond', label: t('钻石') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="exclusive"
          valuePropName="checked"
          extra={t('每店一个；买家首次下单后自动加入，可自行退出，之后的订单不会再拉回。')}
        >
          <Checkbox>{t('设为粉丝专属群')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
