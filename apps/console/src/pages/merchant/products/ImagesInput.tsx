import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { api, must } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { useT } from '../../../i18n/index.tsx';

const MAX_IMAGES = 9;

/** Product images as a list of URLs; each picked file is uploaded to /api/v1/media first. */
export function ImagesInput({
  value = [],
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (urls: string[]) => void;
  id?: string;
}) {
  const t = useT();
  const notify = useNotify();
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  // Several files finish uploading one after another before the form re-renders: add each to the latest list.
  const latest = useRef(value);
  latest.current = value;
  const fileList: UploadFile[] = [
    ...value.map((url, i) => ({ uid: `${i}:${url}`, name: url.split('/').pop() ?? url, status: 'done' as const, url })),
    ...uploading,
  ];
  return (
    <Upload
      id={id}
      accept="image/jpeg,image/png,image/webp,image/gif"
      listType="picture-card"
      fileList={fileList}
      multiple
      onRemove={(file) => {
        onChange?.(value.filter((url) => file.url !== url));
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const uid = (file as UploadFile).uid;
        setUploading((u) => [...u, { uid, name: (file as File).name, status: 'uploading' }]);
        const body = new FormData();
        body.append('file', file as Blob);
        // The upload route takes multipart, which the OpenAPI document describes without a JSON body type.
        must(api.POST('/api/v1/media', { body: body as never }))
          .then((res) => {
            latest.current = [...latest.current, res.url];
            onChange?.(latest.current);
            onSuccess?.(res);
          })
          .catch((err: unknown) => {
            notify.error(err);
            onError?.(err instanceof Error ? err : new Error(String(err)));
          })
          .finally(() => setUploading((u) => u.filter((f) => f.uid !== uid)));
      }}
    >
      {value.length + uploading.length >= MAX_IMAGES ? null : (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <PlusOutlined aria-hidden="true" />
          <div style={{ marginTop: 8 }}>{t('上传图片')}</div>
        </button>
      )}
    </Upload>
  );
}
