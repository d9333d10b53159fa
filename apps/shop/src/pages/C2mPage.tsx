import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Selector, Tabs, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCategories } from '../api/catalog.ts';
import { c2mKeys, type DesignVote, useDesignVotes, useLivePresales, useProposals } from '../api/c2m.ts';
import { api, must, problemTitle } from '../api/client.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PresaleProgress } from '../components/PresaleProgress.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';

/** 需求池: what consumers want made (vote, propose), the merchants' design votes, and the running pre-sales. */
export default function C2mPage() {
  const t = useT();
  return (
    <div className="page">
      <PageHeader title={t('C2M 需求池')} right={<Link to="/me/presales">{t('我的预售')}</Link>} />
      <Tabs defaultActiveKey="demand">
        <Tabs.Tab title={t('需求池')} key="demand">
          <DemandPool />
        </Tabs.Tab>
        <Tabs.Tab title={t('设计投票')} key="design">
          <DesignVotes />
        </Tabs.Tab>
        <Tabs.Tab title={t('众筹预售')} key="presales">
          <Presales />
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}

function useSignedIn() {
  const me = useMe();
  const navigate = useNavigate();
  return () => {
    if (me.data) return true;
    void navigate('/login?next=/c2m');
    return false;
  };
}

function DemandPool() {
  const t = useT();
  const qc = useQueryClient();
  const categories = useCategories();
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const proposals = useProposals(categoryId);
  const signedIn = useSignedIn();
  const vote = useMutation({
    mutationFn: ({ id, undo }: { id: string; undo: boolean }) =>
      must(
        undo
          ? api.DELETE('/api/v1/c2m/proposals/{id}/vote', { params: { path: { id } } })
          : api.PUT('/api/v1/c2m/proposals/{id}/vote', { params: { path: { id } } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['c2m', 'proposals'] }),
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });
  const roots = categories.data ?? [];
  return (
    <>
      <div style={{ padding: '8px 12px', overflowX: 'auto' }}>
        <Selector
          columns={4}
          value={[categoryId ?? '']}
          onChange={(v) => setCategoryId(v[0] || null)}
          options={[{ label: t('全部'), value: '' }, ...roots.map((c) => ({ label: c.name, value: c.id }))]}
        />
      </div>
      {proposals.isPending ? (
        <ListSkeleton rows={4} />
      ) : proposals.isError ? (
        <QueryError error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : proposals.data.items.length === 0 ? (
        <EmptyState title={t('这个类目还没有需求，来提第一个吧')} />
      ) : (
        proposals.data.items.map((p) => (
          <section key={p.id} className="card row" style={{ gap: 12 }} data-testid="proposal">
            <div className="grow">
              <strong>{p.title}</strong>
              {p.variant && (
                <span className="tag" style={{ marginLeft: 6 }}>
                  {p.variant}
                </span>
              )}
              <p className="muted" style={{ margin: '4px 0 0', fontSize: 12 }}>
                {p.categoryPath}
                {p.description && ` · ${p.description}`}
              </p>
            </div>
            <Button
              size="small"
              color={p.votedByMe ? 'default' : 'danger'}
              fill={p.votedByMe ? 'outline' : 'solid'}
              loading={vote.isPending && vote.variables?.id === p.id}
              aria-pressed={p.votedByMe}
              data-testid="proposal-vote"
              onClick={() => {
                if (signedIn()) vote.mutate({ id: p.id, undo: p.votedByMe });
              }}
            >
              {p.votedByMe ? t('已投 {n}', { n: p.voteCount }) : t('想要 {n}', { n: p.voteCount })}
            </Button>
          </section>
        ))
      )}
      <ProposalForm categories={roots} />
    </>
  );
}

interface ProposalValues {
  categoryId: string[];
  title: string;
  variant?: string;
  description?: string;
}

function ProposalForm({ categories }: { categories: { id: string; name: string }[] }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProposalValues>();
  const signedIn = useSignedIn();
  const propose = useMutation({
    mutationFn: (v: { categoryId: string; title: string; variant?: string; description?: string }) =>
      must(api.POST('/api/v1/c2m/proposals', { body: v })),
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('需求已提交') });
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['c2m', 'proposals'] });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });
  return (
    <section className="card" aria-label={t('提出需求')}>
      <h2>{t('提出需求')}</h2>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: ProposalValues) => {
          if (!signedIn()) return;
          propose.mutate({
            categoryId: v.categoryId[0]!,
            title: v.title,
            ...(v.variant ? { variant: v.variant } : {}),
            ...(v.description ? { description: v.description } : {}),
          });
        }}
        footer={
          <Button block type="submit" color="danger" loading={propose.isPending} data-testid="proposal-submit">
            {t('提交需求')}
          </Button>
        }
      >
        <Form.Item name="categoryId" label={t('类目')} rules={[{ required: true, message: t('请选择类目') }]}>
          <Selector columns={3} options={categories.map((c) => ({ label: c.name, value: c.id }))} />
        </Form.Item>
        <Form.Item name="title" label={t('想要什么')} rules={[{ required: true, min: 2, message: t('至少 2 个字') }]}>
          <Input placeholder={t('如：雾霾蓝轻量羽绒服')} maxLength={40} />
        </Form.Item>
        <Form.Item name="variant" label={t('颜色 / 尺码 / 口味')}>
          <Input placeholder={t('如：雾霾蓝 / L')} maxLength={40} />
        </Form.Item>
        <Form.Item name="description" label={t('补充说明')}>
          <TextArea maxLength={300} rows={2} />
        </Form.Item>
      </Form>
    </section>
  );
}

function DesignVotes() {
  const t = useT();
  const votes = useDesignVotes();
  if (votes.isPending) return <ListSkeleton rows={3} />;
  if (votes.isError) return <QueryError error={votes.error} onRetry={() => void votes.refetch()} />;
  if (votes.data.items.length === 0) return <EmptyState title={t('暂无设计投票')} />;
  return (
    <>
      {votes.data.items.map((v) => (
        <DesignVoteCard key={v.id} v={v} />
      ))}
    </>
  );
}

function DesignVoteCard({ v }: { v: DesignVote }) {
  const t = useT();
  const qc = useQueryClient();
  const signedIn = useSignedIn();
  const cast = useMutation({
    mutationFn: (optionId: string) =>
      must(api.POST('/api/v1/c2m/design-votes/{id}/ballot', { params: { path: { id: v.id } }, body: { optionId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: c2mKeys.designVotes }),
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });
  return (
    <section className="card" data-testid="design-vote">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <strong>{v.title}</strong>
        <span className="muted" style={{ fontSize: 12 }}>
          {v.closed
            ? t('已截止 · {n} 票', { n: v.ballots })
            : t('{date} 截止', { date: new Date(v.closesAt).toLocaleString('zh-CN') })}
        </span>
      </div>
      {v.options.map((o) => (
        <div key={o.id} className="row" style={{ justifyContent: 'space-between', padding: '6px 0' }}>
          <span>
            {o.label}
            {v.winnerOptionId === o.id && (
              <span className="tag brand" style={{ marginLeft: 6 }}>
                {t('胜出')}
              </span>
            )}
            {v.myOptionId === o.id && (
              <span className="tag" style={{ marginLeft: 6 }}>
                {t('我的选择')}
              </span>
            )}
          </span>
          {v.closed ? (
            <span>{t('{n} 票', { n: o.votes ?? 0 })}</span>
          ) : v.myOptionId ? null : (
            <Button
              size="mini"
              color="danger"
              fill="outline"
              onClick={() => {
                if (signedIn()) cast.mutate(o.id);
              }}
            >
              {t('投这个')}
            </Button>
          )}
        </div>
      ))}
      {!v.closed && (
        <p className="muted" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {t('每人一票，截止后公布结果')}
        </p>
      )}
    </section>
  );
}

function Presales() {
  const t = useT();
  const presales = useLivePresales();
  if (presales.isPending) return <ListSkeleton rows={3} />;
  if (presales.isError) return <QueryError error={presales.error} onRetry={() => void presales.refetch()} />;
  if (presales.data.items.length === 0) return <EmptyState title={t('暂无进行中的预售')} />;
  return (
    <>
      {presales.data.items.map((p) => (
        <Link
          key={p.id}
          to={`/presale/${p.id}`}
          className="card"
          style={{ display: 'block' }}
          data-testid="presale-card"
        >
          <p style={{ margin: '0 0 4px' }}>
            <strong>{p.title}</strong>
          </p>
          <p className="muted" style={{ margin: '0 0 8px', fontSize: 12 }}>
            {p.merchantName} · ¥{yuan(p.price)} ·{' '}
            {t('{date} 截止', { date: new Date(p.deadline).toLocaleString('zh-CN') })}
          </p>
          <PresaleProgress p={p} />
        </Link>
      ))}
    </>
  );
}
