import { ActionSheet, Toast } from 'antd-mobile';
import { HeartFill, MoreOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { compactCount } from './format.ts';
import type { Problem } from './useLiveSocket.ts';

const MAX_CHARS = 60;

/** The bottom row: 商品袋, the chat input (a sign-in prompt when anonymous), the like button and 更多 (投诉). */
export function RoomFooter({
  sessionId,
  signedIn,
  productCount,
  likes,
  onBag,
  onLike,
  sendChat,
}: {
  sessionId: string;
  signedIn: boolean;
  productCount: number;
  likes: number;
  onBag: () => void;
  onLike: () => void;
  sendChat: (text: string) => Promise<Problem | null>;
}) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [hearts, setHearts] = useState<number[]>([]);
  const heartId = useRef(0);

  const login = () => void navigate(`/login?redirect=${encodeURIComponent(location.pathname)}`);

  const submit = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    const refused = await sendChat(body);
    setBusy(false);
    if (refused) setProblem(refused.detail ? `${refused.title}：${refused.detail}` : refused.title);
    else {
      setText('');
      setProblem(null);
    }
  };

  const like = () => {
    if (!signedIn) {
      Toast.show({ content: t('登录后才能点赞') });
      return;
    }
    onLike();
    const id = ++heartId.current;
    setHearts((h) => [...h.slice(-11), id]);
    setTimeout(() => setHearts((h) => h.filter((x) => x !== id)), 1200);
  };

  return (
    <div className="live-footer">
      {problem && (
        <p className="live-chat-problem" role="alert" data-testid="live-chat-problem">
          {problem}
        </p>
      )}
      <div className="live-footer-row">
        <button
          type="button"
          className="live-bag"
          onClick={onBag}
          data-testid="live-bag-button"
          aria-label={t('商品袋，{n} 件商品', { n: productCount })}
        >
          <ShopbagOutline aria-hidden />
          <span className="live-bag-count">{productCount}</span>
        </button>
        {signedIn ? (
          <form
            className="live-input"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <input
              value={text}
              maxLength={MAX_CHARS}
              enterKeyHint="send"
              placeholder={t('说点什么…')}
              aria-label={t('发送弹幕')}
              onChange={(e) => {
                setText(e.target.value);
                setProblem(null);
              }}
              data-testid="live-chat-input"
            />
            {text.trim() && (
              <button type="submit" className="live-send" disabled={busy} data-testid="live-chat-send">
                {t('发送')}
              </button>
            )}
          </form>
        ) : (
          <button type="button" className="live-input anonymous" onClick={login} data-testid="live-chat-input">
            {t('登录后参与互动')}
          </button>
        )}
        <button
          type="button"
          className="live-like"
          onClick={like}
          data-testid="live-like-button"
          aria-label={t('点赞 {n}', { n: compactCount(likes) })}
        >
          <HeartFill aria-hidden />
          <span className="live-like-count">{compactCount(likes)}</span>
          {hearts.map((id) => (
            <span key={id} className={`live-heart h${id % 4}`} aria-hidden>
              <HeartFill />
            </span>
          ))}
        </button>
        <button
          type="button"
          className="live-more"
          aria-label={t('更多')}
          data-testid="live-more"
          onClick={() =>
            ActionSheet.show({
              cancelText: t('取消'),
              closeOnAction: true,
              actions: [
                {
                  key: 'complaint',
                  text: <span data-testid="live-complain">{t('投诉这个直播间')}</span>,
                  onClick: () => void navigate(`/live/${sessionId}/complaint`),
                },
              ],
            })
          }
        >
          <MoreOutline aria-hidden />
        </button>
      </div>
    </div>
  );
}
