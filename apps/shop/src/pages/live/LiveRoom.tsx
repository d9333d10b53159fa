import { Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import type { LiveDetail } from '../../api/live.ts';
import { useFollow } from '../../api/posts.ts';
import { useServerNow } from '../../components/FlashCountdown.tsx';
import { useT } from '../../i18n/index.tsx';
import { FlashResultSheet } from '../flash/FlashResultSheet.tsx';
import { useFlashTap } from '../flash/useFlashTap.ts';
import '../flash/flash.css';
import { ChatOverlay } from './ChatOverlay.tsx';
import { LiveFlashCard, PkBar, PollCard } from './Interactions.tsx';
import { LiveBuySheet } from './LiveBuySheet.tsx';
import { LiveVideo } from './LiveVideo.tsx';
import { LotteryCard } from './LotteryCard.tsx';
import { PinnedCard, ProductBag } from './ProductCards.tsx';
import { RoomFooter } from './RoomFooter.tsx';
import { ContactService } from '../../components/ContactService.tsx';
import { RoomTopBar } from './RoomTopBar.tsx';
import { useBuyFlow } from './useBuyFlow.ts';
import { useLiveRoom } from './useLiveRoom.ts';

/** The room while live: the stream, and over it the chat, the pinned product, the interactions and the buy sheet. */
export function LiveRoom({ initial }: { initial: LiveDetail }) {
  const t = useT();
  const now = useServerNow();
  const room = useLiveRoom(initial);
  const flow = useBuyFlow(initial.id);
  const [bagOpen, setBagOpen] = useState(false);
  const [hiddenPin, setHiddenPin] = useState<string | null>(null);
  const { pinned, lottery, poll, pk, flash } = room.room;
  // A new pin shows the card again even if the viewer closed the previous one.
  const pinKey = pinned ? `${pinned.productId}@${pinned.pinnedAt}` : null;
  const showPin = pinned && hiddenPin !== pinKey;

  // Entering the lottery is sending its keyword as a chat line; the server enters whoever sends it in time.
  const enterLottery = async (keyword: string) => {
    if (!flow.signedIn) {
      flow.login();
      return false;
    }
    const problem = await room.sendChat(keyword);
    Toast.show({ content: problem ? problem.title : t('已发送口令，等待开奖') });
    return problem === null;
  };

  return (
    <div className="live-room" data-testid="live-room" data-status="live">
      <LiveVideo
        src={room.room.playbackUrl}
        poster={room.room.posterUrl}
        loop={room.room.playbackUrl.includes('/live-sample/')}
      />
      <div className="live-shade" aria-hidden />
      <RoomTopBar
        room={room.room}
        viewers={room.viewers}
        action={
          <>
            <ContactService size="mini" subject={{ source: 'live', liveSessionId: room.room.id }} />
            <FollowButton merchantId={room.room.merchant.id} signedIn={flow.signedIn} onLogin={flow.login} />
          </>
        }
      />
      {room.status !== 'open' && (
        <p className="live-connecting" role="status">
          {room.status === 'closed' ? t('连接已断开，正在重连…') : t('正在进入直播间…')}
        </p>
      )}
      {pk && <PkBar pk={pk} sessionId={room.room.id} now={now} />}

      <div className="live-side">
        {lottery && (
          <LotteryCard lottery={lottery} now={now} signedIn={flow.signedIn} myId={flow.myId} onEnter={enterLottery} />
        )}
        {poll && (
          <PollCard
            poll={poll}
            now={now}
            signedIn={flow.signedIn}
            startOpen={!(lottery?.status === 'open')}
            onLogin={flow.login}
            onVoted={(i) => room.setMyVote(poll.id, i)}
          />
        )}
      </div>

      <div className="live-bottom">
        {flash && <RoomFlash flash={flash} now={now} signedIn={flow.signedIn} onLogin={flow.login} />}
        <ChatOverlay messages={room.messages} myId={flow.myId} />
        {showPin && <PinnedCard product={pinned} onBuy={flow.buy} onClose={() => setHiddenPin(pinKey)} />}
        <RoomFooter
          sessionId={room.room.id}
          signedIn={flow.signedIn}
          productCount={room.room.products.length}
          likes={room.room.likes}
          onBag={() => setBagOpen(true)}
          onLike={room.like}
          sendChat={room.sendChat}
        />
      </div>

      <ProductBag
        open={bagOpen}
        products={room.room.products}
        pinnedId={pinned?.productId ?? null}
        onBuy={(id) => {
          setBagOpen(false);
          flow.buy(id);
        }}
        onClose={() => setBagOpen(false)}
      />
      {flow.buying && <LiveBuySheet key={flow.buying} productId={flow.buying} onClose={flow.close} />}
    </div>
  );
}

function RoomFlash({
  flash,
  now,
  signedIn,
  onLogin,
}: {
  flash: NonNullable<LiveDetail['flash']>;
  now: number;
  signedIn: boolean;
  onLogin: () => void;
}) {
  const { state, tap, reset } = useFlashTap(flash.itemId);
  return (
    <>
      <LiveFlashCard
        flash={flash}
        now={now}
        busy={state.phase === 'pending' || state.phase === 'checking'}
        onGrab={() => (signedIn ? void tap(1) : onLogin())}
      />
      <FlashResultSheet
        itemId={flash.itemId}
        startsAt={flash.startsAt}
        state={state}
        onClose={reset}
        onRetry={() => void tap(1)}
      />
    </>
  );
}

/** 关注 the merchant; the room does not know the current state, so it shows what this tap did. */
function FollowButton({
  merchantId,
  signedIn,
  onLogin,
}: {
  merchantId: string;
  signedIn: boolean;
  onLogin: () => void;
}) {
  const t = useT();
  const follow = useFollow();
  const [on, setOn] = useState(false);
  useEffect(() => setOn(false), [merchantId]);
  return (
    <button
      type="button"
      className={`live-follow${on ? ' on' : ''}`}
      disabled={follow.isPending}
      onClick={() => {
        if (!signedIn) return onLogin();
        follow.mutate({ type: 'merchant', id: merchantId, on: !on }, { onSuccess: () => setOn(!on) });
      }}
    >
      {on ? t('已关注') : t('关注')}
    </button>
  );
}
