import { Button, Collapse, Dialog, List, Switch, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, problemTitle } from '../api/client.ts';
import { useDataExports, useDataInventory, usePrivacyCentre } from '../api/privacy.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { StaffAccessSection } from '../components/StaffAccessSection.tsx';
import { useLang, useT } from '../i18n/index.tsx';

const when = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** 隐私中心 (PIPL Art. 44–47): what we hold and why, consent, download, correction, deletion, cancellation. */
export default function PrivacyCentrePage() {
  const t = useT();
  const { lang } = useLang();
  const { query, setConsent, acceptPolicy, cancelAccount, revokeCancellation, deleteData } = usePrivacyCentre();
  const exports = useDataExports();
  const [showInventory, setShowInventory] = useState(false);
  const inventory = useDataInventory(showInventory);
  const fail = (err: unknown) => void Toast.show({ content: problemTitle(err) });
  // Refused with a reason to act on (orders or after-sales still open): the reason stays on screen until read.
  const failCancel = (err: unknown) =>
    err instanceof ApiError && err.problem.detail
      ? void Dialog.alert({ title: err.problem.title, content: err.problem.detail, confirmText: t('知道了') })
      : fail(err);

  if (query.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('隐私中心')} backTo="/me" />
        <ListSkeleton rows={4} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="page">
        <PageHeader title={t('隐私中心')} backTo="/me" />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const centre = query.data;
  const cancellation = centre.cancellation;

  return (
    <div className="page" data-testid="privacy-centre">
      <PageHeader title={t('隐私中心')} backTo="/me" />

      {cancellation && (
        <section className="card" data-testid="cancellation-pending" aria-live="polite">
          <h2 className="section-title">{t('账号注销中')}</h2>
          <p>
            {t('冷静期结束（{time}）后，账号将被注销，个人信息删除或匿名化。', {
              time: when(cancellation.eraseAt, lang),
            })}
          </p>
          <Button
            block
            color="primary"
            data-testid="revoke-cancellation"
            loading={revokeCancellation.isPending}
            onClick={() =>
              revokeCancellation.mutate(undefined, {
                onSuccess: () => void Toast.show({ icon: 'success', content: t('已撤销注销') }),
                onError: fail,
              })
            }
          >
            {t('撤销注销')}
          </Button>
        </section>
      )}

      <section className="card" aria-labelledby="policy-title">
        <h2 id="policy-title" className="section-title">
          {t('隐私政策')}
        </h2>
        <p className="muted">
          {t('当前版本 {version}', { version: centre.policy.current })}
          {centre.policy.accepted ? ` · ${t('你已同意 {version}', { version: centre.policy.accepted })}` : ''}
        </p>
        {centre.policy.needsConsent && (
          <div data-testid="policy-reconsent">
            <p>{centre.policy.accepted ? t('隐私政策已更新，请阅读变更并重新同意。') : t('请阅读并同意隐私政策。')}</p>
            <p className="muted">{centre.policy.versions[0]?.summary}</p>
            <Button
              color="primary"
              block
              data-testid="policy-accept"
              loading={acceptPolicy.isPending}
              onClick={() => acceptPolicy.mutate(centre.policy.current, { onError: fail })}
            >
              {t('同意 {version} 版隐私政策', { version: centre.policy.current })}
            </Button>
          </div>
        )}
        <Collapse>
          <Collapse.Panel key="versions" title={t('历史版本')}>
            <ul className="plain-list">
              {centre.policy.versions.map((v) => (
                <li key={v.version}>
                  <strong>{v.version}</strong> {v.summary}
                </li>
              ))}
            </ul>
          </Collapse.Panel>
        </Collapse>
      </section>

      <section className="card" aria-labelledby="consents-title">
        <h2 id="consents-title" className="section-title">
          {t('授权管理')}
        </h2>
        <p className="muted">{t('每次开启或关闭都会记录时间和当时的政策版本。')}</p>
        <List>
          {centre.consents.map((c) => (
            <List.Item
              key={c.purpose}
              description={c.description}
              extra={
                <Switch
                  aria-label={c.title}
                  data-testid={`consent-${c.purpose}`}
                  checked={c.granted}
                  loading={setConsent.isPending && setConsent.variables?.purpose === c.purpose}
                  onChange={(granted) => setConsent.mutate({ purpose: c.purpose, granted }, { onError: fail })}
                />
              }
            >
              {c.title}
            </List.Item>
          ))}
        </List>
      </section>

      <section className="card" aria-labelledby="inventory-title">
        <h2 id="inventory-title" className="section-title">
          {t('我们收集的信息')}
        </h2>
        <p className="muted">{t('由数据模型直接生成：每张保存你信息的表、用途、保存期限和注销后的处理。')}</p>
        <Collapse onChange={(keys) => setShowInventory(keys.length > 0)}>
          <Collapse.Panel key="inventory" title={t('查看完整清单')}>
            {inventory.isPending ? (
              <ListSkeleton rows={3} />
            ) : inventory.isError ? (
              <QueryError error={inventory.error} onRetry={() => void inventory.refetch()} />
            ) : (
              <ul className="plain-list" data-testid="privacy-inventory">
                {inventory.data.items.map((i) => (
                  <li key={`${i.module}.${i.table}`} style={{ marginBottom: 12 }}>
                    <strong>{i.purpose}</strong>
                    <div className="muted">
                      {i.table} ·{' '}
                      {i.columns.map((c) => (
                        <Tag
                          key={c.name}
                          color={c.class === 'sensitive' ? 'danger' : 'default'}
                          style={{ marginRight: 4 }}
                        >
                          {c.name}
                        </Tag>
                      ))}
                    </div>
                    <div className="muted">
                      {t('保存期限')}：{i.retention}
                    </div>
                    <div className="muted">
                      {t('注销后')}：
                      {i.erasure === 'delete' ? t('删除') : i.erasure === 'anonymise' ? t('匿名化') : t('保留')}
                      {i.erasureNote ? `（${i.erasureNote}）` : ''}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Collapse.Panel>
        </Collapse>
      </section>

      <StaffAccessSection />

      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title" className="section-title">
          {t('下载我的数据')}
        </h2>
        <p className="muted">{t('生成一份包含你全部个人信息和行为记录的 JSON 文件，7 天内可下载。')}</p>
        <Button
          block
          color="primary"
          fill="outline"
          data-testid="export-request"
          loading={exports.request.isPending}
          onClick={() =>
            exports.request.mutate(undefined, {
              onSuccess: () => void Toast.show({ icon: 'success', content: t('已开始生成') }),
              onError: fail,
            })
          }
        >
          {t('申请下载')}
        </Button>
        {exports.query.isError ? (
          <QueryError error={exports.query.error} onRetry={() => void exports.query.refetch()} />
        ) : exports.query.data && exports.query.data.items.length > 0 ? (
          <List data-testid="export-list">
            {exports.query.data.items.map((e) => (
              <List.Item
                key={e.id}
                description={
                  e.status === 'ready'
                    ? t('{tables} 张表 · {rows} 条记录 · {until} 前有效', {
                        tables: String(e.tableCount ?? 0),
                        rows: String(e.rowCount ?? 0),
                        until: when(e.expiresAt!, lang),
                      })
                    : when(e.requestedAt, lang)
                }
                extra={
                  e.status === 'ready' ? (
                    <a href={`/api/v1/me/privacy/exports/${e.id}/download`} download data-testid="export-download">
                      {t('下载')}
                    </a>
                  ) : (
                    <span className="muted">{e.status === 'pending' ? t('生成中…') : t('已过期')}</span>
                  )
                }
              >
                {t('数据文件')}
              </List.Item>
            ))}
          </List>
        ) : null}
      </section>

      <section className="card" aria-labelledby="correct-title">
        <h2 id="correct-title" className="section-title">
          {t('更正与删除')}
        </h2>
        <List>
          <List.Item clickable arrowIcon>
            <Link to="/me/settings">{t('修改昵称、密码')}</Link>
          </List.Item>
          <List.Item clickable arrowIcon>
            <Link to="/me/addresses">{t('修改或删除收货地址')}</Link>
          </List.Item>
          <List.Item
            description={t('浏览、搜索、点击与购买形成的行为记录（订单本身不受影响）')}
            extra={
              <Button
                size="small"
                data-testid="delete-behaviour"
                loading={deleteData.isPending && deleteData.variables === 'behaviour'}
                onClick={() =>
                  void Dialog.confirm({
                    content: t('删除后推荐将不再参考这些记录，且无法恢复。'),
                    confirmText: t('删除'),
                    onConfirm: () =>
                      deleteData
                        .mutateAsync('behaviour')
                        .then(
                          (r) =>
                            void Toast.show({ icon: 'success', content: t('已删除 {n} 条', { n: String(r.deleted) }) }),
                          fail,
                        ),
                  })
                }
              >
                {t('删除')}
              </Button>
            }
          >
            {t('行为与搜索记录')}
          </List.Item>
          <List.Item
            description={t('根据行为推算的兴趣标签')}
            extra={
              <Button
                size="small"
                loading={deleteData.isPending && deleteData.variables === 'interest-tags'}
                onClick={() =>
                  deleteData.mutate('interest-tags', {
                    onSuccess: (r) =>
                      void Toast.show({ icon: 'success', content: t('已删除 {n} 条', { n: String(r.deleted) }) }),
                    onError: fail,
                  })
                }
              >
                {t('删除')}
              </Button>
            }
          >
            {t('兴趣标签')}
          </List.Item>
        </List>
      </section>

      {!cancellation && (
        <section className="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title" className="section-title">
            {t('注销账号')}
          </h2>
          <p className="muted">
            {t(
              '提交后有 15 天冷静期，期间登录即可撤销。期满后手机号释放，个人信息删除或匿名化；订单与账目按法律要求以匿名形式保留。待付款、待发货、待收货的订单和处理中的售后需先完成。',
            )}
          </p>
          <Button
            block
            color="danger"
            fill="outline"
            data-testid="cancel-account"
            loading={cancelAccount.isPending}
            onClick={() =>
              void Dialog.confirm({
                title: t('确认注销账号？'),
                content: t('注销后积分、优惠券、会员等级将一并清除，且无法恢复。'),
                confirmText: t('确认注销'),
                onConfirm: () => cancelAccount.mutateAsync().then(() => undefined, failCancel),
              })
            }
          >
            {t('申请注销')}
          </Button>
        </section>
      )}
    </div>
  );
}
