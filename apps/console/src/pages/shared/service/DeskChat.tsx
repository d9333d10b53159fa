import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Flex, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { problemTitle } from '../../../api/client.ts';
import { useNotify } from '../../../components/feedback.ts';
import { clockTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import {
  claim,
  CLOSE_REASONS,
  type CloseReason,
  closeConversation,
  type Desk,
  type DeskMessage,
  type DeskOverview,
  markRead,
  messagesAfter,
  reply,
  serviceKeys,
  STATUS_LABEL,
  transfer,
  useCanned,
  useDeskConversation,
} from './api.ts';
import type { DeskFrame } from './useDeskSocket.ts';

/** One conversation on the workbench: the whole history (the assistant's part too), the reply box, transfer and close. */
export function DeskChat({
  id,
  desk,
  agents,
  myId,
  frame,
  onClosed,
}: {
  id: string;
  desk: Desk;
  agents: DeskOverview['agents'];
  myId: string | undefined;
  frame: DeskFrame | undefined;
  onClosed: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const notify = useNotify();
  const detail = useDeskConversation(id);
  const canned = useCanned(desk);
  const [live, setLive] = useState(new Map<number, DeskMessage>());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState<CloseReason>('resolved');
  const bottom = useRef<HTMLDivElement>(null);

  const messages = useMemo(() => {
    const all = new Map<number, DeskMessage>();
    for (const m of detail.data?.messages ?? []) all.set(m.seq, m);
    for (const [seq, m] of live) all.set(seq, m);
    return [...all.values()].sort((a, b) => a.seq - b.seq);
  }, [detail.data, live]);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  const add = (items: DeskMessage[]) =>
    setLive((prev) => {
      const next = new Map(prev);
      for (const m of items) next.set(m.seq, m);
      return next;
    });

  useEffect(() => {
    if (!frame) return;
    if (frame.type === 'message' && frame.message.conversationId === id) add([frame.message as unknown as DeskMessage]);
    else if (frame.type === 'ready')
      void messagesAfter(id, lastSeq).then(
        (p) => add(p.items),
        () => undefined,
      );
    else if ((frame.type === 'conversation' || frame.type === 'read') && frame.conversationId === id)
      void qc.invalidateQueries({ queryKey: serviceKeys.conversation(id) });
    // Each frame is handled once, when it arrives.
  }, [frame]);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (lastSeq > 0) void markRead(id, lastSeq).catch(() => undefined);
  }, [lastSeq, id]);

  if (detail.isPending) return <Typography.Text type="secondary">{t('加载中…')}</Typography.Text>;
  if (detail.isError) return <Typography.Text type="danger">{problemTitle(detail.error)}</Typography.Text>;
  const c = detail.data.conversation;
  const mine = c.status === 'active' && c.agentId === myId;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: serviceKeys.desk(desk) });
      await qc.invalidateQueries({ queryKey: serviceKeys.conversation(id) });
      return true;
    } catch (err) {
      notify.error(problemTitle(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    const words = text.trim();
    if (!words) return;
    if (await run(async () => add((await reply(id, words)).items))) setText('');
  };
  const targets = [
    ...agents
      .filter((a) => a.online && a.userId !== myId)
      .map((a) => ({
        key: a.userId,
        label: t('{name}（{n}/{max}）', { name: a.name, n: a.activeCount, max: a.maxConcurrent }),
      })),
    ...(desk === 'shop' ? [{ key: 'platform', label: t('平台客服（投诉、赔付）') }] : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Flex align="center" gap={8}>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {c.customerName}
          </Typography.Title>
          <Tag color={c.status === 'waiting' ? 'gold' : c.status === 'active' ? 'blue' : 'default'}>
            {t(STATUS_LABEL[c.status])}
          </Tag>
          {c.slaBreached && <Tag color="red">{t('首响超时')}</Tag>}
          {c.firstResponseDueAt && !c.firstResponseAt && (
            <Typography.Text type="secondary">
              {t('须在 {time} 前回复', { time: clockTime(c.firstResponseDueAt, true) })}
            </Typography.Text>
          )}
        </Flex>
        <Flex gap={8}>
          {c.status === 'waiting' && (
            <Button type="primary" loading={busy} onClick={() => void run(() => claim(id))} data-testid="service-claim">
              {t('接待')}
            </Button>
          )}
          {mine && (
            <Dropdown
              disabled={targets.length === 0}
              menu={{
                items: targets,
                onClick: ({ key }) =>
                  void run(() => transfer(id, key === 'platform' ? { toPlatform: true } : { toAgentId: key })).then(
                    (ok) => ok && onClosed(),
                  ),
              }}
            >
              <Button>{t('转接')}</Button>
            </Dropdown>
          )}
          {c.status !== 'closed' && (
            <Button danger onClick={() => setClosing(true)} data-testid="service-close">
              {t('结束会话')}
            </Button>
          )}
        </Flex>
      </Flex>
      <div className="svc-chat-messages" data-testid="service-desk-messages">
        {messages.map((m) =>
          m.sender === 'system' ? (
            <div key={m.seq} className="svc-msg-system">
              {m.text}
            </div>
          ) : (
            <div key={m.seq} className={`svc-msg ${m.sender}`}>
              <span className="svc-msg-name">
                {m.sender === 'consumer' ? c.customerName : t(m.senderName as '智能助手')} · {clockTime(m.createdAt)}
              </span>
              {m.kind === 'image' && m.imageUrl ? (
                <img src={m.imageUrl} alt={t('图片')} />
              ) : m.card ? (
                <div className="svc-msg-bubble">
                  <strong>{m.card.title}</strong>
                  {m.card.subtitle && <div>{m.card.subtitle}</div>}
                </div>
              ) : (
                <div className="svc-msg-bubble">{m.text}</div>
              )}
              {m.sender === 'agent' && (
                <span className="svc-msg-read">{m.seq <= c.consumerReadSeq ? t('已读') : t('未读')}</span>
              )}
            </div>
          ),
        )}
        <div ref={bottom} />
      </div>
      {mine && (
        <div className="svc-chat-composer">
          <Select
            placeholder={t('快捷回复')}
            style={{ width: 220, marginBottom: 6 }}
            value={null}
            options={(canned.data?.items ?? []).map((r) => ({ value: r.text, label: r.title }))}
            onChange={(v: string | null) => v && setText(v)}
            notFoundContent={t('还没有快捷回复')}
          />
          <Flex gap={8}>
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              onPressEnter={(e) => {
                if (!e.shiftKey) {
                  e.preventDefault();
                  void send();
                }
              }}
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={1000}
              placeholder={t('输入回复，Enter 发送，Shift+Enter 换行')}
              data-testid="service-reply"
            />
            <Button type="primary" loading={busy} onClick={() => void send()} data-testid="service-send">
              {t('发送')}
            </Button>
          </Flex>
        </div>
      )}
      <Modal
        title={t('结束会话')}
        open={closing}
        okText={t('结束')}
        cancelText={t('取消')}
        confirmLoading={busy}
        onCancel={() => setClosing(false)}
        onOk={() =>
          void run(() => closeConversation(id, reason)).then((ok) => {
            if (ok) setClosing(false);
          })
        }
      >
        <Typography.Paragraph>{t('请选择结束原因；结束后会请顾客为本次服务打分。')}</Typography.Paragraph>
        <Radio.Group
          value={reason}
          onChange={(e) => setReason(e.target.value as CloseReason)}
          data-testid="service-close-reason"
        >
          {Object.entries(CLOSE_REASONS).map(([k, label]) => (
            <Radio key={k} value={k}>
              {t(label)}
            </Radio>
          ))}
        </Radio.Group>
      </Modal>
    </>
  );
}
