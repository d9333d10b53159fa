import { DeleteOutlined, MessageOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Avatar, Button, Card, Dropdown, Empty, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNotify } from '../../../../components/feedback.ts';
import { useT } from '../../../../i18n/index.tsx';
import type { PanelControls } from '../abilities.ts';
import { liveCall, livePaths } from '../api.ts';
import type { LiveStatus } from '../types.ts';
import type { LiveChatMessage } from '../types.ts';

const MUTE_MINUTES = [5, 10, 30, 60, 1440] as const;

/** The live chat as staff see it: remove a message, mute its sender, or answer it as 客服 (shown to everyone). */
export function ChatPanel({
  sessionId,
  messages,
  dropped,
  controls,
  send,
  status,
}: {
  sessionId: string;
  messages: LiveChatMessage[];
  dropped: number;
  controls: PanelControls;
  send: (message: object) => boolean;
  status: LiveStatus;
}) {
  const t = useT();
  const notify = useNotify();
  const [replyTo, setReplyTo] = useState<LiveChatMessage | null>(null);
  const [answer, setAnswer] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  // Stay at the newest message unless the user scrolled up to read.
  useEffect(() => {
    const el = box.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const remove = useMutation({
    mutationFn: (messageId: string) =>
      liveCall<unknown>('DELETE', `${livePaths.session(sessionId)}/messages/${encodeURIComponent(messageId)}`),
    onSuccess: () => notify.success(t('已删除这条弹幕')),
    onError: notify.error,
  });
  const mute = useMutation({
    mutationFn: (v: { userId: string; minutes: number; nickname: string }) =>
      liveCall<unknown>('POST', `${livePaths.session(sessionId)}/mutes`, { userId: v.userId, minutes: v.minutes }),
    onSuccess: (_, v) => notify.success(t('已禁言「{name}」{n} 分钟', { name: v.nickname, n: v.minutes })),
    onError: notify.error,
  });

  const submitAnswer = () => {
    const text = answer.trim();
    if (!replyTo || !text) return;
    if (send({ type: 'answer', clientId: crypto.randomUUID(), replyTo: replyTo.id, text })) {
      setAnswer('');
      setReplyTo(null);
    } else notify.error(new Error(t('实时连接断开，稍后再发')));
  };

  return (
    <Card
      size="small"
      title={t('弹幕')}
      extra={
        dropped > 0 ? (
          <Typography.Text type="secondary">{t('高峰时略过 {n} 条', { n: dropped })}</Typography.Text>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      <div
        ref={box}
        role="log"
        aria-live="polite"
        aria-label={t('弹幕')}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        style={{ height: controls.answer ? 338 : 388, overflowY: 'auto', padding: '4px 12px' }}
        data-testid="live-chat"
      >
        {messages.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              status === 'live'
                ? t('还没有弹幕，观众发言会实时出现在这里')
                : status === 'scheduled'
                  ? t('开播后这里实时显示弹幕')
                  : t('直播已结束')
            }
          />
        ) : (
          messages.map((m) => (
            <div
              key={m.id}
              className="live-chat-line"
              data-testid="live-chat-message"
              style={{ display: 'flex', gap: 8, padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}
            >
              <Avatar size={28} src={m.avatarUrl ?? undefined} alt="">
                {m.nickname.slice(0, 1)}
              </Avatar>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={4}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.nickname}
                  </Typography.Text>
                  {m.badge ? (
                    <Tag color={m.badge === '客服' ? 'blue' : 'red'} style={{ fontSize: 11, lineHeight: '16px' }}>
                      {m.badge}
                    </Tag>
                  ) : null}
                </Space>
                {m.replyTo ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('回复 {name}：{text}', { name: m.replyTo.nickname, text: m.replyTo.text })}
                  </Typography.Text>
                ) : null}
                <div style={{ wordBreak: 'break-all' }}>{m.text}</div>
              </div>
              {!m.badge && (controls.answer || controls.moderate) ? (
                <Space size={0} style={{ alignSelf: 'flex-start' }}>
                  {controls.answer ? (
                    <Tooltip title={t('回答')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<MessageOutlined />}
                        aria-label={t('回答 {name}', { name: m.nickname })}
                        onClick={() => setReplyTo(m)}
                      />
                    </Tooltip>
                  ) : null}
                  {controls.moderate ? (
                    <>
                      <Dropdown
                        trigger={['click']}
                        menu={{
                          items: MUTE_MINUTES.map((n) => ({
                            key: String(n),
                            label: n === 1440 ? t('禁言 24 小时') : t('禁言 {n} 分钟', { n }),
                          })),
                          onClick: ({ key }) =>
                            mute.mutate({ userId: m.userId, minutes: Number(key), nickname: m.nickname }),
                        }}
                      >
                        <Button
                          type="text"
                          size="small"
                          icon={<StopOutlined />}
                          aria-label={t('禁言 {name}', { name: m.nickname })}
                        />
                      </Dropdown>
                      <Tooltip title={t('删除')}>
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('删除这条弹幕')}
                          onClick={() => remove.mutate(m.id)}
                        />
                      </Tooltip>
                    </>
                  ) : null}
                </Space>
              ) : null}
            </div>
          ))
        )}
      </div>
      {controls.answer ? (
        <div style={{ padding: 8, borderTop: '1px solid #f0f0f0' }}>
          {replyTo ? (
            <Alert
              type="info"
              style={{ marginBottom: 6, padding: '2px 8px' }}
              title={t('回复 {name}：{text}', { name: replyTo.nickname, text: replyTo.text })}
              closable={{ onClose: () => setReplyTo(null) }}
            />
          ) : null}
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              onPressEnter={submitAnswer}
              maxLength={60}
              disabled={!replyTo}
              placeholder={replyTo ? t('以「客服」身份回答，所有观众可见') : t('点弹幕旁的回答按钮选择要回答的问题')}
              aria-label={t('客服回答')}
            />
            <Button type="primary" disabled={!replyTo || !answer.trim()} onClick={submitAnswer}>
              {t('发送')}
            </Button>
          </Space.Compact>
        </div>
      ) : null}
    </Card>
  );
}
