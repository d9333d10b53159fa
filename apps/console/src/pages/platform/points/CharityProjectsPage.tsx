import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Progress, Switch, Table } from 'antd';
import { useState } from 'react';
import type { paths } from '@haowu/api-types';
import { api, must, problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';

type Project =
  paths['/api/v1/admin/charity/projects']['get']['responses'][200]['content']['application/json']['items'][number];
type ProjectInput = {
  title: string;
  organization: string;
  description: string;
  imageUrl?: string | null;
  targetPoints: number;
};

/** 公益项目: projects users donate points to; raised totals come from each project's ledger account. */
export default function CharityProjectsPage() {
  const t = useT();
  const notify = useNotify();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const [form] = Form.useForm<ProjectInput>();
  const list = useQuery({
    queryKey: ['platform', 'charity'],
    queryFn: () => must(api.GET('/api/v1/admin/charity/projects')),
  });
  const save = useMutation({
    mutationFn: (input: Partial<ProjectInput> & { id?: string; active?: boolean }) => {
      const { id, ...body } = input;
      return id
        ? must(api.PATCH('/api/v1/admin/charity/projects/{id}', { params: { path: { id } }, body }))
        : must(api.POST('/api/v1/admin/charity/projects', { body: body as ProjectInput }));
    },
    onSuccess: () => {
      notify.success(t('已保存'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['platform', 'charity'] });
    },
    onError: notify.error,
  });
  const open = (p: Project | 'new') => {
    setEditing(p);
    form.setFieldsValue(
      p === 'new' ? { title: '', organization: '', description: '', targetPoints: 1_000_000, imageUrl: null } : p,
    );
  };
  return (
    <>
      <PageHeader
        title={t('公益项目')}
        subtitle={t(
          '用户捐赠的积分记入项目的积分账户，公益账本公开每一笔捐赠（昵称脱敏）。结束募集后不再接受捐赠，已捐记录保留。',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('新建项目')}
          </Button>
        }
      />
      <Card>
        {list.isError ? (
          <Alert type="error" showIcon title={problemTitle(list.error)} />
        ) : (
          <Table<Project>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('暂无公益项目') }}
            columns={[
              {
                title: t('项目'),
                dataIndex: 'title',
                render: (v: string, p) => (
                  <>
                    <div>{v}</div>
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>{p.organization}</div>
                  </>
                ),
              },
              {
                title: t('募集进度'),
                key: 'progress',
                width: 260,
                render: (_, p) => (
                  <>
                    <Progress
                      percent={Math.min(100, Math.round((p.raisedPoints / p.targetPoints) * 100))}
                      size="small"
                    />
                    <div style={{ fontSize: 12 }}>
                      {t('{raised} / {target} 积分', {
                        raised: p.raisedPoints.toLocaleString(),
                        target: p.targetPoints.toLocaleString(),
                      })}
                    </div>
                  </>
                ),
              },
              { title: t('捐赠笔数'), dataIndex: 'donations', align: 'right' },
              { title: t('捐赠人数'), dataIndex: 'donors', align: 'right' },
              {
                title: t('募集中'),
                dataIndex: 'active',
                render: (v: boolean, p) => (
                  <Switch
                    size="small"
                    checked={v}
                    onChange={(active) => save.mutate({ id: p.id, active })}
                    aria-label={t('募集中')}
                  />
                ),
              },
              {
                title: t('操作'),
                key: 'edit',
                render: (_, p) => (
                  <Button size="small" onClick={() => open(p)}>
                    {t('编辑')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新建项目') : t('编辑项目')}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => save.mutate({ ...v, ...(editing && editing !== 'new' ? { id: editing.id } : {}) }))
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('项目名称')} rules={[{ required: true, min: 2, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="organization" label={t('执行机构')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('项目介绍')} rules={[{ required: true, min: 10, max: 2000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="imageUrl" label={t('图片地址')}>
            <Input placeholder="/media/…" />
          </Form.Item>
          <Form.Item name="targetPoints" label={t('目标积分')} rules={[{ required: true }]}>
            <InputNumber min={100} precision={0} style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
