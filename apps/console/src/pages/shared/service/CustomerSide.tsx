import { useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Divider, Flex, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { dateTime, yuan } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { addNote, serviceKeys, useCustomer } from './api.ts';

/** Beside the chat: member level, the customer's orders and after-sales, what the assistant did, and notes. */
export function CustomerSide({ id }: { id: string }) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const panel = useCustomer(id);
  const [note, setNote] = useState('');
  if (panel.isPending) return <Typography.Text type="secondary">{t('加载中…')}</Typography.Text>;
  if (panel.isError) return <Typography.Text type="danger">{problemTitle(panel.error)}</Typography.Text>;
  const p = panel.data;
  const save = async () => {
    if (!note.trim()) return;
    try {
      await addNote(id, note.trim());
      setNote('');
      await qc.invalidateQueries({ queryKey: serviceKeys.customer(id) });
    } catch (err) {
      notify.error(problemTitle(err));
    }
  };
  return (
    <div data-testid="service-customer">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('顾客'), children: p.name },
          { key: 'level', label: t('会员等级'), children: p.memberLevel },
        ]}
      />
      <Divider plain style={{ margin: '8px 0' }}>
        {t('最近订单')}
      </Divider>
      <List
        size="small"
        locale={{ emptyText: t('没有订单') }}
        dataSource={p.orders}
        renderItem={(o) => (
          <List.Item>
            <Flex vertical>
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                {o.title}
              </Typography.Text>
              <Typography.Text type="secondary">
                {o.status} · {yuan(o.payAmount)} · {dateTime(o.createdAt)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <Divider plain style={{ margin: '8px 0' }}>
        {t('售后')}
      </Divider>
      <List
        size="small"
        locale={{ emptyText: t('没有售后') }}
        dataSource={p.afterSales}
        renderItem={(a) => (
          <List.Item>
            {a.status} · {dateTime(a.createdAt)}
          </List.Item>
        )}
      />
      {p.toolsUsed.length > 0 && (
        <>
          <Divider plain style={{ margin: '8px 0' }}>
            {t('智能助手已做')}
          </Divider>
          <List size="small" dataSource={p.toolsUsed} renderItem={(x) => <List.Item>{x.summary}</List.Item>} />
        </>
      )}
      <Divider plain style={{ margin: '8px 0' }}>
        {t('内部备注')}
      </Divider>
      <List
        size="small"
        locale={{ emptyText: t('暂无备注') }}
        dataSource={p.notes}
        renderItem={(n) => (
          <List.Item>
            <Flex vertical>
              <span>{n.text}</span>
              <Typography.Text type="secondary">
                {n.authorName} · {dateTime(n.createdAt)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <Flex gap={6} style={{ marginTop: 6 }}>
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={1000}
          placeholder={t('顾客看不到备注')}
          onPressEnter={() => void save()}
        />
        <Button onClick={() => void save()}>{t('添加')}</Button>
      </Flex>
    </div>
  );
}
