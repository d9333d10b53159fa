import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, TextArea, Toast } from 'antd-mobile';
import { PictureOutline } from 'antd-mobile-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { problemTitle } from '../api/client.ts';
import {
  closeServiceConversation,
  fetchMessagesAfter,
  fetchMessagesBefore,
  markServiceRead,
  rateServiceConversation,
  sendServiceMessage,
  serviceKeys,
  type ServiceConversation,
  type ServiceMessage,
  useServiceConversation,
} from '../api/service.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { uploadPhoto } from '../components/PhotoUploader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ServiceMessageRow } from '../components/ServiceMessage.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { StarInput } from '../components/StarInput.tsx';
import { type MessageKey, useT } from '../i18n/index.tsx';
import { type ServiceFrame, useServiceSocket } from '../lib/service-socket.ts';
import './ServiceChatPage.css';

const STATUS: Record<ServiceConversation['status'], MessageKey> = {
  assistant: '智能助手为你服务，随时可以转人工',
  waiting: '正在为你转接人工客服，5 分钟内回复',
  active: '人工客服接待中',
  closed: '会话已结束',
};

/** 客服会话: history, live messages over the socket (missed ones fetched after a reconnect), and the rating. */
export default function ServiceChatPage() {
  const { id = '' } = useParams();
  const t = useT();
  const detail = useServiceConversation(id);
  if (detail.isPending)
    return (
      <div className="page">
        <PageHeader title={t('联系客服')} />
        <ListSkeleton rows={5} />
      </div>
    );
  if (detail.isError)
    return (
      <div className="page">
        <PageHeader title={t('联系客服')} />
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    );
  return <Chat key={id} initial={detail.data} />;
}

function Chat({ initial }: { initial: { conversation: ServiceConversation; messages: ServiceMessage[] } }) {
  const t = useT();
  const qc = useQueryClient();
  const id = initial.conversation.id;
  const conv = useServiceConversation(id).data?.conversation ?? initial.conversation;
  const [bySeq, setBySeq] = useState(() => new Map(initial.messages.map((m) => [m.seq, m])));
  const [deskRead, setDeskRead] = useState(initial.conversation.agentReadSeq);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const bottom = useRef<HTMLDivElement>(null);

  const add = (items: ServiceMessage[]) =>
    setBySeq((prev) => {
      const next = new Map(prev);
      for (const m of items) next.set(m.seq, m);
      return next;
    });
  const messages = useMemo(() => [...bySeq.values()].sort((a, b) => a.seq - b.seq), [bySeq]);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  const actionsAt = latestActionsIndex(messages);
  const lastSeqRef = useRef(lastSeq);
  lastSeqRef.current = lastSeq;

  const onFrame = (frame: ServiceFrame) => {
    if (frame.type === 'ready') {
      // After a reconnect: everything written while the socket was down.
      void fetchMessagesAfter(id, lastSeqRef.current).then(
        (page) => add(page.items),
        () => undefined,
      );
      void qc.invalidateQueries({ queryKey: serviceKeys.conversation(id) });
    } else if (frame.type === 'message') add([frame.message as unknown as ServiceMessage]);
    else if (frame.type === 'read' && frame.side === 'agent') setDeskRead((r) => Math.max(r, frame.seq));
    else if (frame.type === 'conversation') void qc.invalidateQueries({ queryKey: serviceKeys.conversation(id) });
  };
  const socket = useServiceSocket(id, onFrame);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
    if (lastSeq > 0) void markServiceRead(id, lastSeq).catch(() => undefined);
  }, [lastSeq, id]);

  const send = async (body: { text?: string; imageUrl?: string; confirmToken?: string }) => {
    setBusy(true);
    try {
      const res = await sendServiceMessage(id, body);
      add(res.messages);
      qc.setQueryData(serviceKeys.conversation(id), (old: { messages: ServiceMessage[] } | undefined) =>
        old ? { ...old, conversation: res.conversation } : old,
      );
      return true;
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const onSend = async () => {
    const words = text.trim();
    if (!words) return;
    if (await send({ text: words })) setText('');
  };
  const onImage = async (file: File | undefined) => {
    if (!file) return;
    try {
      await send({ imageUrl: await uploadPhoto(file) });
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    }
  };
  const loadOlder = async () => {
    const first = messages[0]?.seq;
    if (first) add((await fetchMessagesBefore(id, first)).items);
  };
  const onEnd = async () => {
    try {
      await closeServiceConversation(id);
      await qc.invalidateQueries({ queryKey: serviceKeys.conversation(id) });
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    }
  };

  const closed = conv.status === 'closed';
  return (
    <div className="page svc">
      <PageHeader
        title={conv.deskName}
        right={
          !closed && (
            <Button
              size="mini"
              fill="none"
              style={{ whiteSpace: 'nowrap' }}
              onClick={() => void onEnd()}
              data-testid="service-end"
            >
              {t('结束会话')}
            </Button>
          )
        }
      />
      <div className={socket.online ? 'svc-status' : 'svc-status offline'} data-testid="service-status">
        {socket.online ? t(STATUS[conv.status]) : t('连接中断，正在重新连接…')}
      </div>
      <div className="svc-list" data-testid="service-messages">
        {(messages[0]?.seq ?? 1) > 1 && (
          <Button className="svc-more" size="mini" fill="none" onClick={() => void loadOlder()}>
            {t('查看更早的消息')}
          </Button>
        )}
        {messages.length === 0 && <div className="svc-system">{t('你好，请问有什么可以帮你？')}</div>}
        {messages.map((m, i) => (
          <ServiceMessageRow
            key={m.seq}
            m={m}
            readByDesk={m.seq <= deskRead}
            showActions={i === actionsAt}
            onQuickReply={(q) => void send({ text: q })}
            onConfirm={(token, label) => void send({ text: label, confirmToken: token })}
          />
        ))}
        {closed && <Rating conv={conv} />}
        <div ref={bottom} />
      </div>
      {!closed && (
        <div className="svc-composer">
          <div className="svc-tools">
            {conv.status === 'assistant' && (
              <Button size="mini" onClick={() => void send({ text: '转人工' })} data-testid="service-human">
                {t('转人工')}
              </Button>
            )}
            <Button size="mini" onClick={() => fileInput.current?.click()} aria-label={t('发送图片')}>
              <PictureOutline /> {t('图片')}
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept="image/*"
              hidden
              onChange={(e) => void onImage(e.target.files?.[0])}
            />
          </div>
          <div className="svc-composer-row">
            <Input
              placeholder={t('请输入你的问题')}
              value={text}
              onChange={setText}
              onEnterPress={() => void onSend()}
              maxLength={1000}
              data-testid="service-input"
            />
            <Button
              color="primary"
              size="small"
              loading={busy}
              onClick={() => void onSend()}
              data-testid="service-send"
            >
              {t('发送')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

function Rating({ conv }: { conv: ServiceConversation }) {
  const t = useT();
  const qc = useQueryClient();
  const [score, setScore] = useState(5);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  if (conv.rating !== null)
    return (
      <div className="svc-rate" data-testid="service-rated">
        {t('你已评价：{n} 星', { n: conv.rating })}
        {conv.ratingComment && ` · ${conv.ratingComment}`}
      </div>
    );
  const submit = async () => {
    setBusy(true);
    try {
      await rateServiceConversation(conv.id, score, comment.trim());
      await qc.invalidateQueries({ queryKey: serviceKeys.conversation(conv.id) });
      Toast.show({ content: t('感谢你的评价') });
    } catch (err) {
      Toast.show({ content: problemTitle(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="svc-rate" data-testid="service-rating">
      <StarInput label={t('为本次服务打分')} value={score} onChange={setScore} testId="service-stars" />
      <TextArea
        placeholder={t('说说你的感受（选填）')}
        value={comment}
        onChange={setComment}
        maxLength={500}
        rows={2}
      />
      <Button block color="primary" loading={busy} onClick={() => void submit()} data-testid="service-rate-submit">
        {t('提交评价')}
      </Button>
    </div>
  );
}

/**
 * Where the assistant's buttons (quick replies, the confirm of a proposed action) show: on its latest answer that
 * has any, as long as only the same sender spoke since — the order card it sends after the text must not hide the
 * confirm button, but anything the consumer or an agent says after does.
 */
function latestActionsIndex(messages: ServiceMessage[]): number {
  const lastSender = messages.at(-1)?.sender;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.sender !== lastSender) return -1;
    if (m.quickReplies.length > 0 || m.proposedAction) return i;
  }
  return -1;
}
