import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { api, must } from '../api/client.ts';
import { useNotify } from './feedback.ts';
import { type MessageKey, useT } from '../i18n/index.tsx';

/** One image (a live cover, a licence photo) as a URL; the picked file goes to /api/v1/media first. */
export function ImageUpload({
  value,
  onChange,
  id,
  label,
}: {
  value?: string | null;
  onChange?: (url: string | null) => void;
  id?: string;
  /** The empty slot's caption. */
  label: MessageKey;
}) {
  const t = useT();
  const notify = useNotify();
  const [uploading, setUploading] = useState(false);
  const fileList: UploadFile[] = value
    ? [{ uid: value, name: value.split('/').pop() ?? value, status: 'done', url: value }]
    : [];
  return (
    <Upload
      id={id}
      accept="image/jpeg,image/png,image/webp"
      listType="picture-card"
      maxCount={1}
      fileList={uploading ? [{ uid: 'uploading', name: '', status: 'uploading' }] : fileList}
      onRemove={() => {
        onChange?.(null);
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        setUploading(true);
        const body = new FormData();
        body.append('file', file as Blob);
        // The upload route takes multipart, which the OpenAPI document describes without a JSON body type.
        must(api.POST('/api/v1/media', { body: body as never }))
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
      {value || uploading ? null : (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <PlusOutlined aria-hidden="true" />
          <div style={{ marginTop: 8 }}>{t(label)}</div>
        </button>
      )}
    </Upload>
  );
}
