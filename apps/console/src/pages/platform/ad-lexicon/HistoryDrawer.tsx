import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { api, must, problemTitle } from '../../../api/client.ts';
import { dateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { CHANGE_LABEL, type Snapshot, type Version } from './shared.ts';

const FIELDS = ['text', 'action', 'scope', 'categoryIds', 'article', 'title', 'rewrite', 'exceptPattern', 'enabled'];

/** The fields a version changed, before → after (a create shows the entry as written). */
function Diff({ v }: { v: Version }) {
  const show = (s: Snapshot | null, f: string) => {
    const value = s ? (s as Record<string, string | boolean | string[] | null>)[f] : undefined;
    return Array.isArray(value) ? value.join('、') || '—' : value == null || value === '' ? '—' : String(value);
  };
  const changed = FIELDS.filter((f) => !v.before || show(v.before, f) !== show(v.after, f));
  return (
    <div>
      {changed.map((f) => (
        <div key={f}>
          <Typography.Text type="secondary">{f}: </Typography.Text>
          {v.before ? <Typography.Text delete>{show(v.before, f)}</Typography.Text> : null}
          {v.before ? ' → ' : ''}
          <Typography.Text>{show(v.after, f)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** Every version of the lexicon (or of one entry), newest first: who, when, what changed. */
export function HistoryDrawer({
  entryId,
  open,
  onClose,
}: {
  entryId: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const history = useQuery({
    queryKey: ['platform', 'ad-lexicon', 'versions', entryId],
    enabled: open,
    queryFn: () =>
      must(api.GET('/api/v1/admin/ad-lexicon/versions', { params: { query: entryId ? { entryId } : {} } })),
  });
  return (
    <Drawer title={t('版本记录')} open={open} onClose={onClose} size={520}>
      {history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <Alert type="error" showIcon role="alert" title={problemTitle(history.error)} />
      ) : history.data.length === 0 ? (
        <Empty description={t('内置词条，尚未被修改')} />
      ) : (
        <Timeline
          items={history.data.map((v) => ({
            children: (
              <div data-testid="ad-lexicon-version">
                <div>
                  <Tag color="blue">{t('第 {version} 版', { version: v.version })}</Tag>
                  <Tag>{t(CHANGE_LABEL[v.action])}</Tag>
                  <Typography.Text type="secondary">
                    {dateTime(v.at)} · {v.actorId}
                  </Typography.Text>
                </div>
                <Diff v={v} />
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
