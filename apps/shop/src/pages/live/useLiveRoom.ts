import { useQueryClient } from '@tanstack/react-query';
import { Toast } from 'antd-mobile';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useT } from '../../i18n/index.tsx';
import { type LiveChatMessage, type LiveDetail, liveKeys } from '../../api/live.ts';
import { type RoomEvent, useLiveSocket } from './useLiveSocket.ts';

/** A busy room shows the newest lines only; older ones scroll away for good. */
const MAX_MESSAGES = 80;
const LIKE_FLUSH_MS = 500;
const MAX_LIKES_PER_FRAME = 50;

interface RoomState {
  room: LiveDetail;
  messages: LiveChatMessage[];
  viewers: number;
}

type Action =
  | { type: 'ready'; room: LiveDetail; chat: LiveChatMessage[] | undefined }
  | { type: 'events'; events: RoomEvent[] }
  | { type: 'liked'; count: number }
  | { type: 'voted'; pollId: string; optionIndex: number };

function reduce(state: RoomState, action: Action): RoomState {
  if (action.type === 'ready') {
    const messages = action.chat ? action.chat.slice(-MAX_MESSAGES) : state.messages;
    return { ...state, room: { ...state.room, ...action.room }, messages, viewers: action.room.viewerCount };
  }
  if (action.type === 'voted') {
    const poll = state.room.poll;
    if (!poll || poll.id !== action.pollId || (poll.myVote ?? null) !== null) return state;
    const options = poll.options.map((o, i) => (i === action.optionIndex ? { ...o, votes: o.votes + 1 } : o));
    return {
      ...state,
      room: { ...state.room, poll: { ...poll, options, totalVotes: poll.totalVotes + 1, myVote: action.optionIndex } },
    };
  }
  if (action.type === 'liked') return { ...state, room: { ...state.room, likes: state.room.likes + action.count } };
  let { room, messages, viewers } = state;
  for (const e of action.events) {
    switch (e.type) {
      case 'chat':
        if (!messages.some((m) => m.id === e.message.id)) messages = [...messages, e.message].slice(-MAX_MESSAGES);
        break;
      case 'removed':
        messages = messages.filter((m) => m.id !== e.messageId);
        break;
      case 'likes':
        // Our own taps not yet counted by the server must not make the number jump back.
        room = { ...room, likes: Math.max(e.total, room.likes) };
        break;
      case 'viewers':
        viewers = e.count;
        break;
      case 'pin':
        room = { ...room, pinned: e.product };
        break;
      case 'unpin':
        room = { ...room, pinned: null };
        break;
      case 'status':
        room = { ...room, status: e.status };
        break;
      case 'poll':
        // A broadcast carries the counts; my own vote is only known here.
        room = {
          ...room,
          poll: { ...e.poll, myVote: e.poll.myVote ?? (room.poll?.id === e.poll.id ? room.poll.myVote : null) },
        };
        break;
      case 'lottery':
        // Likewise my entry, which a broadcast leaves out (a win shows in its winners).
        room = {
          ...room,
          lottery:
            room.lottery?.id === e.lottery.id
              ? { ...e.lottery, entered: e.lottery.entered ?? room.lottery.entered }
              : e.lottery,
        };
        break;
      case 'pk':
        room = { ...room, pk: e.pk };
        break;
      case 'flash':
        room = { ...room, flash: e.flash };
        break;
      case 'gmv':
        room = { ...room, gmv: e.total };
        break;
      case 'chat-dropped':
        break;
    }
  }
  return { room, messages, viewers };
}

/** The room as the viewer sees it: the detail, then everything the socket says, plus coalesced like taps. */
export function useLiveRoom(initial: LiveDetail) {
  const qc = useQueryClient();
  const t = useT();
  const [state, dispatch] = useReducer(reduce, {
    room: initial,
    messages: [],
    viewers: initial.viewerCount,
  });
  const live = initial.status === 'live';
  const socket = useLiveSocket(initial.id, live, {
    onReady: (frame) => dispatch({ type: 'ready', room: frame.snapshot, chat: frame.snapshot.chat }),
    onEvents: (events) => dispatch({ type: 'events', events }),
    onError: (problem) => Toast.show({ content: problem.title }),
    onPending: () => Toast.show({ content: t('消息审核中，通过后大家可见') }),
  });

  // A status change (the host ended the show) re-reads the detail: the page switches to the replay.
  useEffect(() => {
    if (state.room.status !== initial.status) void qc.invalidateQueries({ queryKey: liveKeys.session(initial.id) });
  }, [state.room.status, initial.status, initial.id, qc]);

  const { send } = socket;
  // Taps are counted locally and sent at most every 500 ms as one {type:'like', count} frame.
  const unsent = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    timer.current = null;
    const count = Math.min(unsent.current, MAX_LIKES_PER_FRAME);
    if (count === 0) return;
    if (send({ type: 'like', count })) unsent.current -= count;
    // Taps made while reconnecting wait for the socket rather than being lost.
    if (unsent.current > 0) timer.current = setTimeout(flush, LIKE_FLUSH_MS);
  }, [send]);
  const like = useCallback(() => {
    unsent.current++;
    dispatch({ type: 'liked', count: 1 });
    timer.current ??= setTimeout(flush, LIKE_FLUSH_MS);
  }, [flush]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const setMyVote = useCallback(
    (pollId: string, optionIndex: number) => dispatch({ type: 'voted', pollId, optionIndex }),
    [],
  );

  return { ...state, status: socket.status, sendChat: socket.sendChat, like, setMyVote };
}
