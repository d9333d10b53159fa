import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { yuan } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { type MerchantCourse, useMerchantCourse, useMerchantCourses } from './api.ts';
import { CourseModal } from './CourseModal.tsx';
import { LessonModal } from './LessonModal.tsx';

const TIERS = { regular: '普通会员', silver: '银卡会员', gold: '金卡会员', diamond: '黑钻会员' } as const;
const MEDIA = { video: '视频', audio: '音频', article: '图文' } as const;

/** 知识课程: the shop's courses and columns, their lessons, sales and the creator's revenue share. */
export default function CoursesPage() {
  const t = useT();
  const courses = useMerchantCourses();
  const [creating, setCreating] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const items = courses.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('知识课程')}
        subtitle={t(
          '课程通过一个在售商品下单付款；试看课时人人可看，其余课时购买、订阅、会员免费或买指定商品后才能学习。',
        )}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-course">
            {t('创建课程')}
          </Button>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {courses.isError ? <Alert type="error" showIcon message={t('课程加载失败，请刷新重试')} /> : null}
        <Card title={t('课程与专栏')}>
          <Table<MerchantCourse>
            rowKey="id"
            loading={courses.isPending}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('还没有课程，先创建一个吧')} /> }}
            columns={[
              {
                title: t('课程'),
                key: 'title',
                render: (_, c) => (
                  <div>
                    <Typography.Text strong>{c.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {c.kind === 'column' ? t('专栏') : t('课程')} · {t('共 {n} 讲', { n: c.lessonCount })}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('价格'),
                key: 'price',
                render: (_, c) =>
                  c.pricing === 'subscription' ? t('{price}/月', { price: yuan(c.price) }) : yuan(c.price),
              },
              {
                title: t('权益'),
                key: 'perks',
                render: (_, c) => (
                  <>
                    {c.memberFreeFrom ? (
                      <Tag color="gold">{t('{tier}及以上免费', { tier: t(TIERS[c.memberFreeFrom]) })}</Tag>
                    ) : null}
                    {c.bundleProductIds.length > 0 ? (
                      <Tag color="blue">{t('{n} 个商品赠课', { n: c.bundleProductIds.length })}</Tag>
                    ) : null}
                  </>
                ),
              },
              { title: t('购买 / 订阅'), key: 'sold', render: (_, c) => c.stats.purchases },
              { title: t('随商品赠送'), key: 'bundled', render: (_, c) => c.stats.bundled },
              {
                title: t('创作者分成'),
                key: 'share',
                render: (_, c) =>
                  c.creatorUserId ? (
                    <div>
                      <div>
                        {(c.creatorShareBp / 100).toFixed(0)}% · {yuan(c.stats.creatorShare)}
                      </div>
                      {c.stats.creatorShareReversed > 0 ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('退款冲回 {amount}', { amount: yuan(c.stats.creatorShareReversed) })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  ) : (
                    <Typography.Text type="secondary">{t('无')}</Typography.Text>
                  ),
              },
              {
                title: t('操作'),
                key: 'op',
                render: (_, c) => (
                  <Space>
                    <Button size="small" onClick={() => setAdding(c.id)} data-testid="add-lesson">
                      {t('添加课时')}
                    </Button>
                    <Button size="small" onClick={() => setViewing(viewing === c.id ? null : c.id)}>
                      {viewing === c.id ? t('收起') : t('课时')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        {viewing ? <LessonsCard courseId={viewing} /> : null}
      </Space>
      <CourseModal open={creating} onClose={() => setCreating(false)} />
      <LessonModal courseId={adding} onClose={() => setAdding(null)} />
    </>
  );
}

function LessonsCard({ courseId }: { courseId: string }) {
  const t = useT();
  const course = useMerchantCourse(courseId);
  return (
    <Card
      title={course.data ? t('「{title}」的课时', { title: course.data.title }) : t('课时')}
      loading={course.isPending}
    >
      {course.isError ? <Alert type="error" showIcon message={t('课时加载失败，请刷新重试')} /> : null}
      {course.data ? (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('售卖方式')}>
              {course.data.pricing === 'subscription' ? t('按月订阅') : t('一次购买，永久学习')}
            </Descriptions.Item>
            <Descriptions.Item label={t('创作者')}>{course.data.creatorUserId ?? t('无')}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={course.data.lessons}
            locale={{ emptyText: <Empty description={t('还没有课时')} /> }}
            columns={[
              { title: t('序号'), dataIndex: 'position', width: 70 },
              { title: t('课时名称'), dataIndex: 'title' },
              { title: t('形式'), key: 'media', render: (_, l) => t(MEDIA[l.media]) },
              { title: t('时长'), key: 'dur', render: (_, l) => t('{n} 分钟', { n: Math.round(l.durationSec / 60) }) },
              {
                title: t('试看'),
                key: 'trial',
                render: (_, l) => (l.trial ? <Tag color="green">{t('免费试看')}</Tag> : '—'),
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
