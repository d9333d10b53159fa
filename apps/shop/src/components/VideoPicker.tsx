import { Button, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { problemTitle } from '../api/client.ts';
import { uploadVideo } from '../api/posts.ts';
import { useT } from '../i18n/index.tsx';
import { uploadPhoto } from './PhotoUploader.tsx';

/** Draws the video's first frame onto a canvas: the default poster (the server does not decode video). */
async function firstFrame(file: File): Promise<File> {
  const url = URL.createObjectURL(file);
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.src = url;
    await new Promise<void>((resolve, reject) => {
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new Error('无法读取视频'));
    });
    video.currentTime = Math.min(0.1, video.duration || 0);
    await new Promise<void>((resolve) => {
      video.onseeked = () => resolve();
      setTimeout(resolve, 1500);
    });
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth || 720;
    canvas.height = video.videoHeight || 960;
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) throw new Error('无法截取封面');
    return new File([blob], 'poster.jpg', { type: 'image/jpeg' });
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function VideoPicker({
  videoUrl,
  posterUrl,
  onChange,
}: {
  videoUrl: string | undefined;
  posterUrl: string | undefined;
  onChange: (v: { videoUrl?: string; posterUrl?: string }) => void;
}) {
  const t = useT();
  const videoInput = useId();
  const posterInput = useId();
  const [busy, setBusy] = useState(false);

  const pickVideo = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const url = await uploadVideo(file);
      // The first frame is the poster until the user picks another picture.
      const poster = await firstFrame(file)
        .then(uploadPhoto)
        .catch(() => undefined);
      onChange({ videoUrl: url, ...(poster ? { posterUrl: poster } : {}) });
    } catch (err) {
      Toast.show({ icon: 'fail', content: problemTitle(err) });
    } finally {
      setBusy(false);
    }
  };
  const pickPoster = async (file: File | undefined) => {
    if (!file) return;
    try {
      onChange({ videoUrl, posterUrl: await uploadPhoto(file) });
    } catch (err) {
      Toast.show({ icon: 'fail', content: problemTitle(err) });
    }
  };

  return (
    <div className="video-preview">
      {videoUrl ? <video src={videoUrl} poster={posterUrl} controls playsInline preload="metadata" /> : null}
      {posterUrl ? <img src={posterUrl} alt={t('视频封面')} /> : null}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <label htmlFor={videoInput}>
          <Button size="small" loading={busy} onClick={() => document.getElementById(videoInput)?.click()}>
            {videoUrl ? t('更换视频') : t('上传视频（MP4/WebM，≤ 50 MB）')}
          </Button>
        </label>
        <input
          id={videoInput}
          type="file"
          accept="video/mp4,video/webm"
          hidden
          onChange={(e) => void pickVideo(e.target.files?.[0])}
          data-testid="video-input"
        />
        {videoUrl && (
          <>
            <Button size="small" onClick={() => document.getElementById(posterInput)?.click()}>
              {t('更换封面')}
            </Button>
            <input
              id={posterInput}
              type="file"
              accept="image/*"
              hidden
              onChange={(e) => void pickPoster(e.target.files?.[0])}
            />
          </>
        )}
      </div>
    </div>
  );
}
