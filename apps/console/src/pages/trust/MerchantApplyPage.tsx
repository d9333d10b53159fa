import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Empty, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, must, problemTitle } from '../../api/client.ts';
import { ME_KEY } from '../../app/session.ts';
import { useNotify } from '../../components/feedback.ts';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { admissionKeys, STATUS, useAdmissionRules, type Application, type ApplicationBody } from './admission.ts';
import { ApplicationDetail } from './ApplicationDetail.tsx';
import { ApplicationForm } from './ApplicationForm.tsx';

/** 商家入驻: apply to open a shop, follow the review, answer a request for more information. */
export default function MerchantApplyPage() {
  const t = useT();
  const rules = useAdmissionRules();
  const mine = useQuery({
    queryKey: admissionKeys.mine,
    queryFn: () => must(api.GET('/api/v1/merchant-applications/mine')),
  });
  const header = (
    <PageHeader
      title={t('商家入驻')}
      subtitle={t('提交营业执照、类目资质、法定代表人实名和结算账户，平台在 {days} 个工作日内完成审核。', {
        days: rules.data?.reviewWorkingDays ?? 2,
      })}
    />
  );
  if (rules.isPending || mine.isPending) {
    return (
      <>
        {header}
        <Card aria-busy="true" aria-label={t('加载中')}>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </>
    );
  }
  if (rules.isError || mine.isError) {
    return (
      <>
        {header}
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemTitle(rules.error ?? mine.error)}
          action={
            <Button
              onClick={() => {
                void rules.refetch();
                void mine.refetch();
              }}
            >
              {t('重试')}
            </Button>
          }
        />
      </>
    );
  }
  const [latest, ...earlier] = mine.data.items;
  return (
    <>
      {header}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {latest ? <Current app={latest} rules={rules.data} /> : <Start rules={rules.data} />}
        {earlier.length > 0 ? (
          <Collapse
            items={earlier.map((a) => ({
              key: a.id,
              label: `${a.shopName} · ${t(STATUS[a.status].label as never)} · ${dateTime(a.submittedAt)}`,
              children: <ApplicationDetail app={a} viewer="applicant" />,
            }))}
          />
        ) : null}
      </Space>
    </>
  );
}

function useSubmit(applicationId?: string) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: ApplicationBody) =>
      applicationId
        ? must(api.PUT('/api/v1/merchant-applications/{id}', { params: { path: { id: applicationId } }, body }))
        : must(api.POST('/api/v1/merchant-applications', { body })),
    onMutate: () => setError(null),
    onSuccess: () => {
      notify.success(t('已提交，请等待平台审核'));
      void qc.invalidateQueries({ queryKey: admissionKeys.mine });
    },
    // The title and the detail both matter here (which check digit, which licence is missing).
    onError: (err) => setError(err instanceof Error ? err.message : problemTitle(err)),
  });
  return { mutation, error };
}

function Start({ rules, rejected }: { rules: Parameters<typeof ApplicationForm>[0]['rules']; rejected?: boolean }) {
  const t = useT();
  const { mutation, error } = useSubmit();
  const [open, setOpen] = useState(false);
  if (!open && !rejected) {
    return (
      <Card>
        <Empty description={t('你还没有提交过入驻申请')}>
          <Button type="primary" onClick={() => setOpen(true)} data-testid="apply-start">
            {t('申请开店')}
          </Button>
        </Empty>
      </Card>
    );
  }
  return (
    <ApplicationForm rules={rules} pending={mutation.isPending} error={error} onSubmit={(b) => mutation.mutate(b)} />
  );
}

function Current({ app, rules }: { app: Application; rules: Parameters<typeof ApplicationForm>[0]['rules'] }) {
  const t = useT();
  const qc = useQueryClient();
  const { mutation, error } = useSubmit(app.id);
  // Approval made this person a shop owner: the session's roles (cached for a minute) must say so before the menu does.
  const approved = app.status === 'approved';
  useEffect(() => {
    if (approved) void qc.invalidateQueries({ queryKey: ME_KEY });
  }, [approved, qc]);
  const detail = (
    <Card title={`${app.shopName} · ${t('入驻申请')}`}>
      {app.status === 'submitted' && app.dueAt ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('平台审核中，预计 {at} 前给出结果', { at: dateTime(app.dueAt) })}
        />
      ) : null}
      {app.status === 'approved' ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('审核通过，店铺已开通')}
          description={t('请在商家后台缴纳类目保证金，然后发布商品。')}
          action={
            <Link to="/merchant/dashboard">
              <Button type="primary" data-testid="apply-open-shop">
                {t('进入商家后台')}
              </Button>
            </Link>
          }
        />
      ) : null}
      <ApplicationDetail app={app} viewer="applicant" />
    </Card>
  );
  if (app.status === 'needs-info') {
    return (
      <>
        {detail}
        <ApplicationForm
          rules={rules}
          previous={app}
          pending={mutation.isPending}
          error={error}
          onSubmit={(b) => mutation.mutate(b)}
        />
      </>
    );
  }
  if (app.status === 'rejected') {
    return (
      <>
        {detail}
        <Start rules={rules} rejected />
      </>
    );
  }
  return detail;
}
