import { Button, Popup, SpinLoading } from 'antd-mobile';
import { CloseOutline, GiftOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { type LiveLottery, useLotteryProof } from '../../api/live.ts';
import { FlashCountdown } from '../../components/FlashCountdown.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/index.tsx';
import { type Verdict, verifyLottery } from './verifyLottery.ts';

/** 福袋: send the keyword before the countdown ends to enter; after the draw, the winners and a way to check them. */
export function LotteryCard({
  lottery,
  now,
  signedIn,
  myId,
  onEnter,
}: {
  lottery: LiveLottery;
  now: number;
  signedIn: boolean;
  myId: string | undefined;
  /** Sends the keyword as a chat line; true once the server took it. */
  onEnter: (keyword: string) => Promise<boolean>;
}) {
  const t = useT();
  const [open, setOpen] = useState(true);
  const [verifying, setVerifying] = useState(false);
  // A new lottery or its result opens the card again.
  useEffect(() => setOpen(true), [lottery.id, lottery.status]);
  if (lottery.status === 'cancelled') return null;
  const [sent, setSent] = useState<string | null>(null);
  const closed = lottery.status === 'open' && Date.parse(lottery.closesAt) <= now;
  const entered = lottery.entered === true || sent === lottery.id;
  const won = lottery.won === true || lottery.winners.some((w) => w.userId === myId);
  const enter = async () => {
    if (await onEnter(lottery.keyword)) setSent(lottery.id);
  };

  if (!open) {
    return (
      <button
        type="button"
        className="live-float-chip lottery"
        onClick={() => setOpen(true)}
        data-testid="live-lottery-chip"
      >
        <GiftOutline aria-hidden /> {lottery.status === 'drawn' ? t('开奖结果') : t('福袋')}
      </button>
    );
  }
  return (
    <section className="live-overlay-card lottery" aria-label={t('弹幕抽奖')} data-testid="live-lottery">
      <button type="button" className="live-overlay-close" aria-label={t('收起')} onClick={() => setOpen(false)}>
        <CloseOutline aria-hidden />
      </button>
      <h2>
        <GiftOutline aria-hidden /> {t('福袋 · {prize}', { prize: lottery.prize.title })}
      </h2>
      <p className="muted">
        {t('{n} 人中奖 · 已有 {m} 人参与', { n: lottery.winnersCount, m: lottery.entrantsCount })}
      </p>
      {lottery.status === 'open' ? (
        <>
          <p className="live-lottery-keyword">
            {t('口令')}：<b>{lottery.keyword}</b>
          </p>
          {closed ? (
            <p className="live-lottery-wait">{t('参与已截止，等待开奖…')}</p>
          ) : (
            <>
              <p>
                {t('距开奖')} <FlashCountdown until={lottery.closesAt} now={now} className="small" />
              </p>
              {entered ? (
                <p className="live-lottery-entered" data-testid="live-lottery-entered">
                  {t('已参与，等待开奖')}
                </p>
              ) : (
                <Button
                  block
                  size="small"
                  color="primary"
                  shape="rounded"
                  onClick={() => void enter()}
                  data-testid="live-lottery-enter"
                >
                  {signedIn ? t('发送口令参与') : t('登录后参与')}
                </Button>
              )}
            </>
          )}
        </>
      ) : (
        <>
          <p className="live-lottery-result-title">
            {won ? t('恭喜你中奖了！') : entered ? t('很遗憾，这次没有中奖') : t('开奖结果')}
          </p>
          {won && lottery.prizeNote && <p className="muted">{lottery.prizeNote}</p>}
          {lottery.winners.length === 0 ? (
            <p className="muted">{t('本次无人参与，奖品未送出')}</p>
          ) : (
            <ul className="live-lottery-winners" data-testid="live-lottery-winners">
              {lottery.winners.map((w) => (
                <li key={w.userId}>{w.nickname}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <button
        type="button"
        className="text-button live-verify"
        onClick={() => setVerifying(true)}
        data-testid="live-lottery-verify"
      >
        {lottery.status === 'drawn' ? t('验证开奖') : t('查看种子承诺')}
      </button>
      {verifying && <VerifySheet lotteryId={lottery.id} onClose={() => setVerifying(false)} />}
    </section>
  );
}

/** The published commitment next to the revealed seed, with this device's own check of sha256(seed). */
function VerifySheet({ lotteryId, onClose }: { lotteryId: string; onClose: () => void }) {
  const t = useT();
  const proof = useLotteryProof(lotteryId);
  const [check, setCheck] = useState<Verdict | 'pending'>('pending');
  useEffect(() => {
    if (proof.data?.seed) void verifyLottery(proof.data).then(setCheck);
  }, [proof.data]);
  return (
    <Popup visible onMaskClick={onClose} onClose={onClose} bodyClassName="live-verify-sheet" destroyOnClose>
      <div data-testid="live-lottery-proof">
        <h2 className="live-sheet-title">{t('开奖验证')}</h2>
        {proof.isPending ? (
          <SpinLoading />
        ) : proof.isError ? (
          <QueryError error={proof.error} onRetry={() => void proof.refetch()} />
        ) : (
          <dl className="live-proof">
            <dt>{t('开奖前公布的种子承诺 sha256(seed)')}</dt>
            <dd>{proof.data.seedCommitment}</dd>
            <dt>{t('开奖后公布的种子')}</dt>
            <dd>{proof.data.seed ?? t('尚未开奖')}</dd>
            <dt>{t('参与人数')}</dt>
            <dd>{proof.data.entrantsCount}</dd>
            <dt>{t('中奖者')}</dt>
            <dd>{proof.data.winners.map((w) => w.nickname).join('、') || t('无')}</dd>
            {proof.data.seed && (
              <>
                <dt>{t('本机校验')}</dt>
                <dd data-testid="live-proof-check">
                  {check === 'match'
                    ? t('✓ 种子与承诺一致，按公开规则复算的中奖者与公布的一致')
                    : check === 'commitment-mismatch'
                      ? t('✗ sha256(种子) 与承诺不一致')
                      : check === 'winners-mismatch'
                        ? t('✗ 按公开规则复算的中奖者与公布的不一致')
                        : check === 'unavailable'
                          ? t('当前页面不是安全连接，浏览器无法计算 sha256')
                          : t('计算中…')}
                </dd>
              </>
            )}
            <dt>{t('如何验证')}</dt>
            <dd className="live-proof-how">{proof.data.verify}</dd>
          </dl>
        )}
      </div>
    </Popup>
  );
}
