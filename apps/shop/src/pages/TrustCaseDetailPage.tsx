import { PullToRefresh, Steps } from 'antd-mobile';
import { Link, useParams } from 'react-router';
import { type Claim, type Complaint, useClaim, useComplaint } from '../api/trust.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useFormatTime, useT, type MessageKey } from '../i18n/index.tsx';
import { subjectName, subjectPath } from '../lib/complaint-subject.ts';
import { yuan } from '../lib/money.ts';
import './AfterSale.css';

const STEP: Record<string, MessageKey> = {
  filed: '提交投诉',
  escalated: '超时未处理，已升级',
  responded: '平台客服回复',
  'merchant-responded': '商家回复',
  'resolved-upheld': '办结：投诉成立',
  'resolved-not-upheld': '办结：投诉不成立',
  claimed: '提交先行赔付申请',
  approved: '平台同意赔付',
  recovered: '平台向商家追偿',
  rejected: '平台驳回申请',
  paid: '赔付款已到账',
};
const BY: Record<string, MessageKey> = { consumer: '我', merchant: '商家', operator: '平台客服', system: '系统' };

/** The progress of a complaint or a 先行赔付 claim: its deadline, where it stands, and every step. */
export default function TrustCaseDetailPage({ kind }: { kind: 'complaint' | 'claim' }) {
  const t = useT();
  const { id = '' } = useParams();
  const complaint = useComplaint(kind === 'complaint' ? id : '');
  const claim = useClaim(kind === 'claim' ? id : '');
  const q = kind === 'complaint' ? complaint : claim;
  return (
    <div className="page">
      <PageHeader title={kind === 'complaint' ? t('投诉进度') : t('先行赔付进度')} />
      {q.isPending ? (
        <ListSkeleton rows={3} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <PullToRefresh onRefresh={async () => void (await q.refetch())}>
          {kind === 'complaint' ? <ComplaintStatus c={complaint.data!} /> : <ClaimStatus c={claim.data!} />}
          <History steps={q.data.history} />
          <section className="card">
            <p className="muted">{q.data.description}</p>
            {kind === 'complaint' ? (
              <Link to={subjectPath(complaint.data!)} data-testid="complaint-subject-link">
                {complaint.data!.subjectType === 'order' ? t('查看订单') : subjectName(t, complaint.data!)}
              </Link>
            ) : (
              <Link to={`/orders/${claim.data!.orderId}`}>{t('查看订单')}</Link>
            )}
          </section>
        </PullToRefresh>
      )}
    </div>
  );
}

function ComplaintStatus({ c }: { c: Complaint }) {
  const t = useT();
  const fmt = useFormatTime();
  const [title, hint] =
    c.status === 'resolved'
      ? [
          c.outcome === 'upheld' ? t('投诉成立') : t('投诉不成立'),
          t('已于 {time} 办结', { time: fmt(c.resolvedAt ?? c.createdAt) }),
        ]
      : c.status === 'responded'
        ? c.history.some((h) => h.by === 'merchant') && !c.history.some((h) => h.by === 'operator')
          ? [t('商家已回复'), t('平台仍会跟进，办结后结果计入商家信用分')]
          : [t('平台已回复'), t('客服正在跟进，办结后结果计入商家信用分')]
        : c.overdue
          ? [t('已升级处理'), t('超过 2 小时未回复，已升级至平台主管')]
          : [t('等待平台回复'), t('商家或平台将在 {time} 前首次回复', { time: fmt(c.respondBy) })];
  return (
    <section className="as-status">
      <h2 data-testid="case-status">{title}</h2>
      <p>{hint}</p>
    </section>
  );
}

function ClaimStatus({ c }: { c: Claim }) {
  const t = useT();
  const fmt = useFormatTime();
  const [title, hint] =
    c.status === 'paid'
      ? [
          t('已赔付 ¥{amount}', { amount: yuan(c.approved ?? 0) }),
          t('{time} 已原路退回', { time: fmt(c.paidAt ?? c.createdAt) }),
        ]
      : c.status === 'paying'
        ? [t('赔付中 ¥{amount}', { amount: yuan(c.approved ?? 0) }), t('平台已同意，款项正在原路退回')]
        : c.status === 'rejected'
          ? [t('申请未通过'), t('原因见下方处理记录')]
          : [
              t('平台审核中'),
              t('申请 ¥{amount}，平台将在 {time} 前处理', { amount: yuan(c.requested), time: fmt(c.payBy) }),
            ];
  return (
    <section className="as-status">
      <h2 data-testid="case-status">{title}</h2>
      <p>{hint}</p>
      {c.tenfold !== null && c.status !== 'rejected' && (
        <p data-testid="claim-tenfold">
          {c.status === 'pending'
            ? t('假一赔十：经鉴定为假货时另赔 ¥{amount}', { amount: yuan(c.tenfold) })
            : c.tenfoldPaidAt
              ? t('假一赔十：另赔 ¥{amount} 已于 {time} 转入你的支付账户', {
                  amount: yuan(c.tenfold),
                  time: fmt(c.tenfoldPaidAt),
                })
              : t('假一赔十：另赔 ¥{amount} 正在转入你的支付账户', { amount: yuan(c.tenfold) })}
        </p>
      )}
      {c.status !== 'pending' && (
        // The decision is a public log entry (no personal data in it): the consumer can check it was not altered.
        <Link
          to={`/transparency?kind=compensation-decision&subject=${c.id}`}
          data-testid="claim-log-link"
          style={{ color: 'inherit', textDecoration: 'underline' }}
        >
          {t('在透明度日志中核验')}
        </Link>
      )}
    </section>
  );
}

function History({ steps }: { steps: Complaint['history'] }) {
  const t = useT();
  const fmt = useFormatTime();
  const stepTitle = (action: string) => {
    const key = STEP[action];
    return key ? t(key) : action;
  };
  return (
    <section className="card" aria-labelledby="case-history">
      <h2 id="case-history">{t('处理记录')}</h2>
      <Steps direction="vertical" current={steps.length - 1}>
        {steps.map((s, i) => (
          <Steps.Step
            key={`${s.action}-${i}`}
            status="finish"
            title={stepTitle(s.action)}
            description={
              <>
                {t(BY[s.by] ?? BY.system!)} · {fmt(s.at)}
                {s.note ? <span style={{ display: 'block' }}>{s.note}</span> : null}
              </>
            }
          />
        ))}
      </Steps>
    </section>
  );
}
