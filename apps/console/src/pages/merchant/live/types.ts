import type { GetOk } from '../../../api/client.ts';

// The live module's DTOs as the console reads them (docs/LIVE.md), taken from the generated API types so they
// cannot drift from the server. Only what travels on the room socket alone (chat messages) is declared here.

type Control = GetOk<'/api/v1/merchant/live/sessions/{id}/control'>;

/** The room as the shop's detail route answers it (also the socket's ready snapshot). */
export type LiveDetail = GetOk<'/api/v1/live/sessions/{id}'>;
/** A session card of the console list (the shop's card plus the caller's role and the session's figures). */
export type LiveSessionRow = GetOk<'/api/v1/merchant/live/sessions'>['items'][number];
export type LiveStatus = LiveDetail['status'];
export type LiveRole = Control['team'][number]['role'];
export type LiveAbility = Control['abilities'][number];
type LiveSessionProduct = LiveDetail['products'][number];
export type PinnedProduct = NonNullable<LiveDetail['pinned']>;
export type LiveLottery = NonNullable<LiveDetail['lottery']>;
export type LivePoll = NonNullable<LiveDetail['poll']>;
export type LivePk = NonNullable<LiveDetail['pk']>;
export type LiveFlash = NonNullable<LiveDetail['flash']>;
/** GET …/sessions/:id/control as the server answers it. */
export type LiveControlResponse = Control;
/** The dashboard figures (the server's SessionFigures), also sent in staff `metrics` frames. */
export type LiveMetrics = GetOk<'/api/v1/merchant/live/sessions/{id}/dashboard'>;
export type MinutePoint = LiveMetrics['series'][number];
export type LiveReport = GetOk<'/api/v1/merchant/live/sessions/{id}/report'>;
export type LiveQualification = GetOk<'/api/v1/merchant/live/qualification'>;

/** A chat message as the room socket pushes it (the socket is not part of the OpenAPI document). */
export interface LiveChatMessage {
  id: string;
  userId: string;
  nickname: string;
  avatarUrl: string | null;
  text: string;
  badge?: '主播' | '场控' | '客服';
  replyTo?: { id: string; nickname: string; text: string };
  at: string;
}

/** The control panel's state: the response with the room's moving parts lifted to the top for the socket to update. */
export interface LiveControl extends Omit<LiveControlResponse, 'session'> {
  session: LiveDetail;
  products: LiveSessionProduct[];
  pinned: PinnedProduct | null;
  lottery: LiveLottery | null;
  poll: LivePoll | null;
  pk: LivePk | null;
  flash: LiveFlash | null;
}

export const toControl = (r: LiveControlResponse): LiveControl => ({
  ...r,
  products: r.session.products,
  pinned: r.session.pinned,
  lottery: r.session.lottery,
  poll: r.session.poll,
  pk: r.session.pk,
  flash: r.session.flash,
});
