import { Timeline, Typography } from 'antd';
import { dateTime } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { STEP, type Complaint } from './cases.ts';

const BY = { consumer: '消费者', merchant: '商家', operator: '运营', system: '系统' } as const;

/** Every step of a complaint or claim, oldest first. */
export function CaseHistory({ steps }: { steps: Complaint['history'] }) {
  const t = useT();
  return (
    <Timeline
      items={steps.map((s) => ({
        children: (
          <>
            <Typography.Text strong>
              {s.action in STEP ? t(STEP[s.action as keyof typeof STEP]) : s.action}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {t(BY[s.by])} · {dateTime(s.at)}
            </Typography.Text>
            {s.note ? <div>{s.note}</div> : null}
          </>
        ),
      }))}
    />
  );
}
