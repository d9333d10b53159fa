import { Button, Dialog, ProgressBar, Stepper, Toast } from 'antd-mobile';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCharityMoney } from '../api/charity.ts';
import { problemTitle } from '../api/client.ts';
import { type CharityProject, useCharityProjects, useDonate, useMyPoints } from '../api/points.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import { yuan } from '../lib/money.ts';
import './Points.css';

/** 公益捐赠: projects with what they raised (from the ledger), donating points, and each project's public ledger. */
export default function CharityPage() {
  const t = useT();
  const projects = useCharityProjects();
  return (
    <div className="page">
      <PageHeader title={t('积分公益')} />
      {projects.isPending ? (
        <ListSkeleton rows={3} />
      ) : projects.isError ? (
        <QueryError error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.items.length === 0 ? (
        <EmptyState title={t('暂无进行中的公益项目')} />
      ) : (
        projects.data.items.map((p) => <ProjectCard key={p.id} project={p} />)
      )}
      <p className="muted" style={{ margin: 12 }}>
        {t('每一笔捐赠都记入公开的公益账本，捐赠人昵称脱敏显示。')}
      </p>
    </div>
  );
}

function ProjectCard({ project }: { project: CharityProject }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const points = useMyPoints(!!me.data);
  const donate = useDonate();
  const money = useCharityMoney().data?.items.find((m) => m.projectId === project.id);
  // The dialog's stepper writes here: the confirm callback must read the value chosen, not the one at render.
  const amount = useRef(100);
  const balance = points.data?.balance ?? 0;
  const percent = Math.min(100, Math.round((project.raisedPoints / project.targetPoints) * 100));

  const submit = async () => {
    if (!me.data) {
      void navigate(`/login?redirect=/charity`);
      return;
    }
    const go = await Dialog.confirm({
      title: t('确认捐赠'),
      content: (
        <div>
          <p style={{ margin: '0 0 8px' }}>{t('向「{title}」捐赠积分', { title: project.title })}</p>
          <Stepper
            min={10}
            max={Math.max(10, balance)}
            step={10}
            defaultValue={amount.current}
            onChange={(v) => (amount.current = v)}
            aria-label={t('捐赠积分')}
          />
          <p className="muted" style={{ margin: '8px 0 0' }}>
            {t('可用 {n} 积分', { n: balance })}
          </p>
        </div>
      ),
    });
    if (!go) return;
    donate.mutate(
      { projectId: project.id, points: amount.current },
      {
        onSuccess: (r) => Toast.show({ icon: 'success', content: t('感谢捐赠 {n} 积分', { n: r.points }) }),
        onError: (err) => Toast.show({ content: problemTitle(err) }),
      },
    );
  };

  return (
    <section className="card charity-card" aria-label={project.title} data-testid="charity-project">
      {project.imageUrl ? <img src={project.imageUrl} alt={project.title} /> : null}
      <h2 style={{ margin: '8px 0 4px' }}>{project.title}</h2>
      <p className="muted" style={{ margin: 0 }}>
        {project.organization}
      </p>
      <p style={{ fontSize: 13, margin: '6px 0' }}>{project.description}</p>
      <ProgressBar percent={percent} />
      <div className="row-between" style={{ marginTop: 6 }}>
        <span className="muted">
          {t('已募 {raised} / 目标 {target} 积分', { raised: project.raisedPoints, target: project.targetPoints })}
        </span>
        <span className="muted">{t('{n} 人捐赠', { n: project.donors })}</span>
      </div>
      {money && money.raisedAmount > 0 ? (
        <p className="muted" style={{ margin: '4px 0 0' }} data-testid="charity-money">
          {t('公益商品已募 ¥{amount}（{n} 笔）', { amount: yuan(money.raisedAmount), n: money.donations })}
        </p>
      ) : null}
      <div className="row" style={{ marginTop: 10 }}>
        <Link to={`/charity/${project.id}`} className="grow link-more">
          {t('查看公益账本')} ›
        </Link>
        <Button size="small" color="primary" shape="rounded" loading={donate.isPending} onClick={() => void submit()}>
          {t('捐积分')}
        </Button>
      </div>
    </section>
  );
}
