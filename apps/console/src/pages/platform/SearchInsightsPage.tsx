import {
  Card,
  Col,
  Flex,
  Input,
  InputNumber,
  Row,
  Segmented,
  Statistic,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { api, type GetOk, must } from '../../api/client.ts';
import { CsvButton } from '../../components/CsvButton.tsx';
import { CursorTable, useCursorList } from '../../components/CursorTable.tsx';
import { dateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { beijingDay, pct } from '../insights/useInsights.ts';

type View = 'top' | 'zero' | 'low_ctr';
type Report = GetOk<'/api/v1/platform/insights/search'>;
type Row = Report['items'][number];

/** 搜索洞察: what shoppers search for, what finds nothing and what finds products nobody clicks. Operators only. */
export default function SearchInsightsPage() {
  const t = useT();
  const [range, setRange] = useState({ from: beijingDay(6), to: beijingDay(0) });
  const [view, setView] = useState<View>('zero');
  const [minSessions, setMinSessions] = useState(5);
  const list = useCursorList<Row>(['platform', 'search-insights', range, view, minSessions], (cursor) =>
    must(
      api.GET('/api/v1/platform/insights/search', {
        params: { query: { ...range, view, minSessions, limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const summary = (list.query.data?.pages[0] as Report | undefined)?.summary;

  const addToWords = (r: Row) => (
    <Link to={`/platform/search-words?new=${encodeURIComponent(r.query)}`} data-testid="search-insight-add-word">
      {t('加到词库')}
    </Link>
  );
  const columns: TableColumnsType<Row> = [
    { title: t('搜索词'), key: 'query', render: (_, r) => <Typography.Text strong>{r.example}</Typography.Text> },
    { title: t('搜索次数'), key: 'searches', align: 'right', render: (_, r) => r.searches },
    { title: t('搜索人数'), key: 'people', align: 'right', render: (_, r) => r.people },
    ...(view === 'low_ctr'
      ? []
      : ([
          { title: t('无结果次数'), key: 'zero', align: 'right', render: (_, r) => r.zeroResults },
          { title: t('无结果率'), key: 'zeroRate', align: 'right', render: (_, r) => pct(r.zeroRate) },
        ] satisfies TableColumnsType<Row>)),
    ...(view === 'zero'
      ? []
      : ([
          {
            title: t('有结果会话 / 有点击会话'),
            key: 'sessions',
            align: 'right',
            render: (_, r) => `${r.sessionsWithResults} / ${r.clickedSessions}`,
          },
          { title: t('点击率'), key: 'ctr', align: 'right', render: (_, r) => pct(r.ctr) },
        ] satisfies TableColumnsType<Row>)),
    { title: t('最近搜索'), key: 'lastSeen', render: (_, r) => dateTime(r.lastSeen) },
    { title: t('操作'), key: 'actions', render: (_, r) => addToWords(r) },
  ];

  const viewLabel = { top: t('热门搜索词'), zero: t('无结果搜索词'), low_ctr: t('低点击率搜索词') }[view];
  return (
    <>
      <PageHeader
        title={t('搜索洞察')}
        subtitle={t(
          '来自商城的搜索与搜索结果点击，数据约有几秒延迟。点击率 = 有点击的搜索会话 ÷ 有结果的搜索会话。无结果的词可以加同义词或类目词，让搜索找到相关商品。',
        )}
      />
      <Flex vertical gap={16}>
        <Flex gap={16} wrap role="search" aria-label={t('统计区间')}>
          <Input
            type="date"
            aria-label={t('开始日期')}
            style={{ width: 160 }}
            value={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
          <Input
            type="date"
            aria-label={t('结束日期')}
            style={{ width: 160 }}
            value={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </Flex>
        <Row gutter={[16, 16]}>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic title={t('搜索次数')} value={summary?.searches ?? '—'} loading={list.query.isPending} />
            </Card>
          </Col>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic title={t('搜索词数')} value={summary?.distinctQueries ?? '—'} loading={list.query.isPending} />
            </Card>
          </Col>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic
                title={t('无结果率')}
                value={pct(summary?.zeroRate)}
                loading={list.query.isPending}
                data-testid="search-zero-rate"
              />
            </Card>
          </Col>
          <Col xs={12} xl={6}>
            <Card>
              <Statistic title={t('搜索点击率')} value={pct(summary?.ctr)} loading={list.query.isPending} />
            </Card>
          </Col>
        </Row>
        <Card
          title={viewLabel}
          extra={
            <CsvButton
              filename={`搜索洞察-${viewLabel}-${range.from}-${range.to}`}
              rows={list.items}
              columns={[
                { title: t('搜索词'), value: (r) => r.example },
                { title: t('搜索次数'), value: (r) => r.searches },
                { title: t('搜索人数'), value: (r) => r.people },
                { title: t('无结果次数'), value: (r) => r.zeroResults },
                { title: t('无结果率'), value: (r) => pct(r.zeroRate) },
                { title: t('有结果会话'), value: (r) => r.sessionsWithResults },
                { title: t('有点击会话'), value: (r) => r.clickedSessions },
                { title: t('点击率'), value: (r) => pct(r.ctr) },
                { title: t('最近搜索'), value: (r) => dateTime(r.lastSeen) },
              ]}
            />
          }
        >
          <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
            <Segmented
              aria-label={t('报表')}
              value={view}
              onChange={(v) => setView(v as View)}
              options={[
                { value: 'zero', label: t('无结果搜索词') },
                { value: 'low_ctr', label: t('低点击率搜索词') },
                { value: 'top', label: t('热门搜索词') },
              ]}
              data-testid="search-insight-view"
            />
            {view === 'low_ctr' && (
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('至少有结果的搜索会话')}</Typography.Text>
                <InputNumber
                  aria-label={t('至少有结果的搜索会话')}
                  min={1}
                  max={10000}
                  value={minSessions}
                  onChange={(v) => v && setMinSessions(v)}
                />
              </Flex>
            )}
          </Flex>
          <CursorTable<Row>
            list={list}
            rowKey="query"
            columns={columns}
            caption={viewLabel}
            empty={
              view === 'zero'
                ? t('这段时间没有无结果的搜索')
                : view === 'low_ctr'
                  ? t('这段时间没有达到会话数的搜索词')
                  : t('这段时间还没有搜索')
            }
            onRow={(r) =>
              ({ 'data-testid': 'search-insight-row', 'data-query': r.query }) as HTMLAttributes<HTMLElement>
            }
            scroll={{ x: 1000 }}
          />
        </Card>
      </Flex>
    </>
  );
}
