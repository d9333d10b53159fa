import { useQueryClient } from '@tanstack/react-query';
import { Button, Popup, Toast } from 'antd-mobile';
import { PictureOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { noteProductSource, trackClick } from '../lib/track.ts';
import {
  type ChatMessage,
  clickProductCard,
  markChatRead,
  sendChatOverHttp,
  useChatHistory,
} from '../api/communities.ts';
import { useProductSearch } from '../api/catalog.ts';
import { api, problemTitle } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { type SocketFrame, useGroupSocket } from '../lib/group-socket.ts';
import { uploadPhoto } from './PhotoUploader.tsx';
import { Price } from './Price.tsx';
import { QueryError } from './QueryError.tsx';
import { ListSkeleton } from './Skeletons.tsx';
import './GroupChat.css';

type Outgoing =
  { kind: 'text'; text: string } | { kind: 'image'; imageUrls: string[] } | { kind: 'product'; productId: string };

/** The chat of one group: history (older pages on demand) merged with live frames from the WebSocket. */
export function GroupChat({
  communityId,
  groupId,
  merchantId,
  myId,
  onAnnouncement,
}: {
  communityId: string;
  groupId: string;
  merchantId: string | null;
  myId: string | undefined;
  onAnnouncement: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const history = useChatHistory(groupId);
  const [live, setLive] = useState<Map<string, ChatMessage>>(new Map());
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFrame = (frame: SocketFrame) => {
    if (frame.type === 'message') {
      const m = frame.message as ChatMessage;
      setLive((prev) => new Map(prev).set(m.id, m));
    } else if (frame.type === 'removed') setRemoved((prev) => new Set(prev).add(frame.messageId));
    else if (frame.type === 'pinned') void qc.invalidateQueries({ queryKey: ['community-chat', groupId] });
    else if (frame.type === 'announcement') onAnnouncement();
    else if (frame.type === 'error') Toast.show({ content: frame.problem.title });
  };
  const socket = useGroupSocket(groupId, onFrame);

  const messages = useMemo(() => {
    const all = new Map<string, ChatMessage>();
    for (const page of history.data?.pages ?? []) for (const m of page.items) all.set(m.id, m);
    for (const [id, m] of live) all.set(id, m);
    return [...all.values()]
      .map((m) => (removed.has(m.id) ? { ...m, removed: true, text: '', imageUrls: [], product: null } : m))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }, [history.data, live, removed]);
  const newest = messages[messages.length - 1]?.id;

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (newest && !socket.send({ type: 'read', messageId: newest }))
      void markChatRead(groupId, newest).catch(() => undefined);
    // Only a new last message moves the read mark (and scrolls); the other values are read at that moment.
  }, [newest]);

  const send = async (message: Outgoing) => {
    setBusy(true);
    try {
      // Over HTTP so the sender sees refusals inline; the server pushes the stored message to every socket.
      const stored = await sendChatOverHttp(groupId, message);
      setLive((prev) => new Map(prev).set(stored.id, stored));
      if (stored.pending) Toast.show({ content: t('消息待审核，通过后群成员可见') });
      return true;
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const sendText = async () => {
    const body = text.trim();
    if (!body) return;
    if (await send({ kind: 'text', text: body })) setText('');
  };

  const sendImage = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    try {
      await send({ kind: 'image', imageUrls: [await uploadPhoto(file)] });
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    }
  };

  const openCard = (m: ChatMessage) => {
    if (!m.product) return;
    const productId = m.product.productId;
    // The SCRM 'clicked' moment, and the touch that credits an order of this product to the community.
    void clickProductCard(m.id).catch(() => undefined);
    void api
      .POST('/api/v1/attribution/touches', { body: { kind: 'community', productId, communityId } })
      .catch(() => undefined);
    trackClick(productId, 'community.chat', 0);
    noteProductSource(productId, 'community', communityId);
    void navigate(`/product/${productId}`);
  };

  if (history.isPending) return <ListSkeleton rows={4} />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;

  return (
    <div className="chat">
      {socket.status !== 'open' && (
        <div className="chat-status" role="status">
          {t('正在连接聊天服务…')}
        </div>
      )}
      <div className="chat-list" aria-live="polite">
        {history.hasNextPage && (
          <Button
            size="mini"
            fill="none"
            className="chat-more"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            {t('查看更早的消息')}
          </Button>
        )}
        {messages.length === 0 && <p className="chat-empty">{t('还没有人说话，打个招呼吧')}</p>}
        {messages.map((m) => (
          <div key={m.id} className={`chat-row${m.sender.id === myId ? ' mine' : ''}`} data-testid="chat-message">
            <div className="chat-avatar" aria-hidden>
              {m.sender.nickname.slice(0, 1)}
            </div>
            <div className="chat-body">
              <div className="chat-name">
                {m.sender.nickname}
                {m.pinned && <span className="chat-tag">{t('置顶话题')}</span>}
                {m.pending && <span className="chat-tag muted">{t('审核中')}</span>}
              </div>
              {m.removed ? (
                <div className="chat-bubble removed">{t('该消息已被撤回')}</div>
              ) : (
                <>
                  {m.text && <div className="chat-bubble">{m.text}</div>}
                  {m.imageUrls.map((url) => (
                    <img key={url} className="chat-image" src={url} alt={t('聊天图片')} loading="lazy" />
                  ))}
                  {m.product && (
                    <button
                      type="button"
                      className="chat-card"
                      onClick={() => openCard(m)}
                      data-testid="chat-product-card"
                    >
                      {m.product.imageUrl && <img src={m.product.imageUrl} alt="" />}
                      <span className="chat-card-title clamp-2">{m.product.title}</span>
                      <Price fen={m.product.minPrice} size={14} />
                    </button>
                  )}
                </>
              )}
            </div>
          </div>
        ))}
        <div ref={bottom} />
      </div>
      <div className="chat-composer">
        <button
          type="button"
          className="icon-button"
          aria-label={t('发送图片')}
          onClick={() => fileInput.current?.click()}
        >
          <PictureOutline aria-hidden />
        </button>
        <input ref={fileInput} type="file" accept="image/*" hidden onChange={(e) => void sendImage(e.target.files)} />
        {merchantId && (
          <button type="button" className="icon-button" aria-label={t('分享商品')} onClick={() => setPicking(true)}>
            <ShopbagOutline aria-hidden />
          </button>
        )}
        <input
          className="chat-input"
          value={text}
          maxLength={500}
          placeholder={t('说点什么…')}
          aria-label={t('消息内容')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void sendText()}
        />
        <Button color="primary" size="small" loading={busy} disabled={!text.trim()} onClick={() => void sendText()}>
          {t('发送')}
        </Button>
      </div>
      {merchantId && (
        <Popup
          visible={picking}
          onMaskClick={() => setPicking(false)}
          bodyStyle={{ maxHeight: '70vh', overflow: 'auto' }}
        >
          <ProductPicker
            merchantId={merchantId}
            onPick={(productId) => {
              setPicking(false);
              void send({ kind: 'product', productId });
            }}
          />
        </Popup>
      )}
    </div>
  );
}

function ProductPicker({ merchantId, onPick }: { merchantId: string; onPick: (productId: string) => void }) {
  const t = useT();
  const products = useProductSearch({ merchantId, limit: 20, sort: 'sales' });
  const items = products.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="chat-picker">
      <h2>{t('分享本店商品到群聊')}</h2>
      {products.isPending ? (
        <ListSkeleton rows={3} />
      ) : products.isError ? (
        <QueryError error={products.error} />
      ) : (
        items.map((p) => (
          <button key={p.id} type="button" className="chat-card" onClick={() => onPick(p.id)}>
            {p.imageUrl && <img src={p.imageUrl} alt="" />}
            <span className="chat-card-title clamp-2">{p.title}</span>
            <Price fen={p.minPrice} size={14} />
          </button>
        ))
      )}
    </div>
  );
}
