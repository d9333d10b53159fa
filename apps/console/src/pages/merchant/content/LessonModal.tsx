import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, Select, Switch, Upload } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';
import { contentKeys } from './api.ts';

interface Values {
  title: string;
  media: 'video' | 'audio' | 'article';
  mediaUrl?: string | null;
  body?: string;
  durationMin?: number;
  trial: boolean;
}

/** An MP4 / WebM (or M4A audio, an MP4 container) goes to the media module's video upload first. */
function MediaUpload({ value, onChange }: { value?: string | null; onChange?: (url: string | null) => void }) {
  const t = useT();
  const notify = useNotify();
  const [uploading, setUploading] = useState(false);
  return (
    <Upload
      accept="video/mp4,video/webm,audio/mp4,audio/x-m4a"
      maxCount={1}
      showUploadList={false}
      customRequest={({ file, onSuccess, onError }) => {
        setUploading(true);
        const body = new FormData();
        body.append('file', file as Blob);
        // Multipart: the OpenAPI document describes it without a JSON body type.
        must(api.POST('/api/v1/media/videos', { body: body as never }))
          .then((res) => {
            onChange?.(res.url);
            onSuccess?.(res);
          })
          .catch((err: unknown) => {
            notify.error(err);
            onError?.(err instanceof Error ? err : new Error(String(err)));
          })
          .finally(() => setUploading(false));
      }}
    >
      <Button icon={<UploadOutlined />} loading={uploading}>
        {value ? t('已上传，重新上传') : t('上传音视频')}
      </Button>
    </Upload>
  );
}

/** 添加课时: a video, audio or article lesson, optionally free to try. */
export function LessonModal({ courseId, onClose }: { courseId: string | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const media = Form.useWatch('media', form);
  const add = useMutation({
    mutationFn: (v: Values) =>
      must(
        api.POST('/api/v1/merchant/content/courses/{id}/lessons', {
          params: { path: { id: courseId! } },
          body: {
            title: v.title,
            media: v.media,
            mediaUrl: v.media === 'article' ? null : (v.mediaUrl ?? null),
            body: v.body ?? '',
            durationSec: Math.round((v.durationMin ?? 0) * 60),
            trial: v.trial,
          },
        }),
      ),
    onSuccess: (l) => {
      notify.success(t('已添加第 {n} 讲', { n: l.position }));
      void qc.invalidateQueries({ queryKey: contentKeys.courses });
      form.resetFields();
      onClose();
    },
    onError: notify.error,
  });
  return (
    <Modal
      open={courseId !== null}
      title={t('添加课时')}
      okText={t('添加')}
      cancelText={t('取消')}
      confirmLoading={add.isPending}
      onOk={() => void form.validateFields().then((v) => add.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ media: 'video', trial: false }}>
        <Form.Item name="title" label={t('课时名称')} rules={[{ required: true, message: t('请填写名称') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="media" label={t('形式')}>
          <Select
            options={[
              { value: 'video', label: t('视频') },
              { value: 'audio', label: t('音频') },
              { value: 'article', label: t('图文') },
            ]}
          />
        </Form.Item>
        {media === 'article' ? null : (
          <Form.Item name="mediaUrl" label={t('媒体文件')} rules={[{ required: true, message: t('请先上传音视频') }]}>
            <MediaUpload />
          </Form.Item>
        )}
        <Form.Item
          name="body"
          label={media === 'article' ? t('正文') : t('文稿（选填）')}
          rules={media === 'article' ? [{ required: true, message: t('请填写正文') }] : []}
        >
          <Input.TextArea rows={4} maxLength={50_000} />
        </Form.Item>
        <Form.Item name="durationMin" label={t('时长（分钟）')}>
          <InputNumber min={0} max={600} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="trial" label={t('免费试看')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
