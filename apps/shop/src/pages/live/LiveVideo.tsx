import { SoundMuteOutline } from 'antd-mobile-icons';
import { type Ref, useState } from 'react';
import { useT } from '../../i18n/index.tsx';

type Playable =
  { kind: 'files'; sources: { src: string; type: string }[] } | { kind: 'unsupported'; reason: 'hls' | 'flv' };

/**
 * What the browser can play of a playback URL. HLS plays where the browser supports it natively (Safari, most phone
 * browsers); FLV needs a player library this shop does not ship. The bundled sample is WebM with an MP4 twin.
 */
function playable(url: string): Playable {
  const path = url.split('?')[0] ?? url;
  if (path.endsWith('.m3u8')) {
    const probe = document.createElement('video');
    return probe.canPlayType('application/vnd.apple.mpegurl')
      ? { kind: 'files', sources: [{ src: url, type: 'application/vnd.apple.mpegurl' }] }
      : { kind: 'unsupported', reason: 'hls' };
  }
  if (path.endsWith('.flv')) return { kind: 'unsupported', reason: 'flv' };
  if (path.endsWith('.webm')) {
    return {
      kind: 'files',
      sources: [
        { src: url, type: 'video/webm' },
        { src: url.replace(/\.webm(\?|$)/, '.mp4$1'), type: 'video/mp4' },
      ],
    };
  }
  return { kind: 'files', sources: [{ src: url, type: path.endsWith('.mp4') ? 'video/mp4' : '' }] };
}

/** The stream, full height behind the room: muted autoplay (what browsers allow), one tap turns the sound on. */
export function LiveVideo({
  src,
  poster,
  loop,
  videoRef,
}: {
  src: string;
  poster: string | null;
  loop: boolean;
  videoRef?: Ref<HTMLVideoElement>;
}) {
  const t = useT();
  const [muted, setMuted] = useState(true);
  const [failed, setFailed] = useState(false);
  const what = playable(src);

  if (what.kind === 'unsupported' || failed) {
    return (
      <div
        className="live-video live-video-message"
        role="alert"
        style={poster ? { backgroundImage: `url(${poster})` } : undefined}
      >
        <p>
          {what.kind === 'unsupported' && what.reason === 'hls'
            ? t('当前浏览器不支持直接播放直播流（HLS），请用手机自带浏览器或 Safari 打开')
            : what.kind === 'unsupported'
              ? t('当前浏览器无法播放该格式的直播流（FLV），请用好物 App 观看')
              : t('视频加载失败，请检查网络后刷新')}
        </p>
      </div>
    );
  }
  return (
    <>
      <video
        ref={videoRef}
        className="live-video"
        poster={poster ?? undefined}
        autoPlay
        muted={muted}
        loop={loop}
        playsInline
        controls={false}
        onError={() => setFailed(true)}
        data-testid="live-video"
      >
        {what.sources.map((s) => (
          <source
            key={s.src}
            src={s.src}
            type={s.type || undefined}
            onError={(e) => {
              // The last source failing means nothing could play.
              if (e.currentTarget === e.currentTarget.parentElement?.lastElementChild) setFailed(true);
            }}
          />
        ))}
      </video>
      {muted && (
        <button type="button" className="live-unmute" onClick={() => setMuted(false)} data-testid="live-unmute">
          <SoundMuteOutline aria-hidden /> {t('点击开启声音')}
        </button>
      )}
    </>
  );
}
