import { CameraOutline, CloseOutline } from 'antd-mobile-icons';
import { useId, useState } from 'react';
import { api, must, problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { shrinkImage } from '../lib/image.ts';

interface Pending {
  key: string;
  preview: string;
  error?: string;
}

/** Uploads a photo with POST /api/v1/media (multipart) and returns its /media/… URL. */
export async function uploadPhoto(file: File): Promise<string> {
  const form = new FormData();
  const blob = await shrinkImage(file);
  form.append('file', blob, blob === file ? file.name : file.name.replace(/\.\w+$/, '') + '.jpg');
  // The route reads multipart itself, so its OpenAPI entry declares no body: the form goes through as-is.
  const res = await must(
    api.POST('/api/v1/media', { body: form as never, bodySerializer: (b: unknown) => b as FormData }),
  );
  return res.url;
}

/** Photo picker for reviews and after-sale requests: thumbnails, remove buttons, upload state per photo. */
export function PhotoUploader({
  value,
  onChange,
  max,
  label,
  testId,
}: {
  value: string[];
  onChange: (urls: string[]) => void;
  max: number;
  label: string;
  testId?: string;
}) {
  const t = useT();
  const inputId = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const room = max - value.length - pending.filter((p) => !p.error).length;

  const pick = async (files: FileList | null) => {
    if (!files) return;
    const chosen = Array.from(files).slice(0, Math.max(room, 0));
    let urls = value;
    await Promise.all(
      chosen.map(async (file, i) => {
        const key = `${Date.now()}-${i}-${file.name}`;
        const preview = URL.createObjectURL(file);
        setPending((ps) => [...ps, { key, preview }]);
        try {
          const url = await uploadPhoto(file);
          urls = [...urls, url];
          onChange(urls);
          setPending((ps) => ps.filter((p) => p.key !== key));
          URL.revokeObjectURL(preview);
        } catch (err) {
          setPending((ps) => ps.map((p) => (p.key === key ? { ...p, error: problemTitle(err) } : p)));
        }
      }),
    );
  };

  return (
    <div className="photo-uploader" data-testid={testId}>
      <ul className="photo-grid">
        {value.map((url, i) => (
          <li key={url} className="photo-cell">
            <img src={url} alt={t('{label}第 {n} 张', { label, n: i + 1 })} />
            <button
              type="button"
              className="photo-remove"
              aria-label={t('删除第 {n} 张图片', { n: i + 1 })}
              onClick={() => onChange(value.filter((u) => u !== url))}
            >
              <CloseOutline aria-hidden />
            </button>
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.key} className="photo-cell">
            <img src={p.preview} alt={t('正在上传的图片')} />
            <span className={`photo-state ${p.error ? 'failed' : ''}`} role={p.error ? 'alert' : 'status'}>
              {p.error ?? t('上传中…')}
            </span>
            {p.error && (
              <button
                type="button"
                className="photo-remove"
                aria-label={t('移除上传失败的图片')}
                onClick={() => {
                  URL.revokeObjectURL(p.preview);
                  setPending((ps) => ps.filter((x) => x.key !== p.key));
                }}
              >
                <CloseOutline aria-hidden />
              </button>
            )}
          </li>
        ))}
        {room > 0 && (
          <li className="photo-cell">
            <label htmlFor={inputId} className="photo-add">
              <CameraOutline aria-hidden />
              <span>
                {t('添加图片')} {value.length}/{max}
              </span>
            </label>
            <input
              id={inputId}
              className="sr-only"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/gif"
              multiple
              onChange={(e) => {
                void pick(e.target.files);
                e.target.value = '';
              }}
              data-testid={testId ? `${testId}-input` : undefined}
            />
          </li>
        )}
      </ul>
    </div>
  );
}
