import type { LiveAbility, LiveRole, LiveStatus } from './api.ts';

// The live module's DTOs as the console reads them (docs/LIVE.md).

/** A session card (the shop's list card); the console list adds the caller's role. */
export interface LiveSessionRow {
  id: string;
  title: string;
  coverUrl: string | null;
  status: LiveStatus;
  scheduledAt: string;
  startedAt: string | null;
  endedAt: string | null;
  merchant: { id: string; name: string; logoUrl: string | null };
  host: { nickname: string; avatarUrl: string | null };
  viewerCount: number;
  productCount: number;
  productImages: string[];
  role?: LiveRole | 'owner';
  /** Present when the server adds the session's figures to the console list. */
  peakViewers?: number;
  gmv?: number;
}

export interface LiveSessionProduct {
  productId: string;
  title: string;
  imageUrl: string | null;
  price: number;
  stock: 'in_stock' | 'sold_out' | 'unavailable';
  claim: string | null;
}

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

export interface PinnedProduct {
  productId: string;
  title: string;
  imageUrl: string | null;
  price: number;
  claim: string | null;
  pinnedAt: string;
}

export interface LiveLottery {
  id: string;
  sessionId: string;
  keyword: string;
  prize: { kind: 'coupon'; templateId: string; title: string };
  winnersCount: number;
  status: 'open' | 'drawn' | 'cancelled';
  opensAt: string;
  closesAt: string;
  drawnAt: string | null;
  seedCommitment: string;
  seed: string | null;
  entrantsCount: number;
  winners: { userId: string; nickname: string }[];
  prizeNote: string | null;
}

export interface LivePoll {
  id: string;
  sessionId: string;
  question: string;
  options: { label: string; productId: string | null; votes: number }[];
  totalVotes: number;
  status: 'open' | 'closed';
  closesAt: string;
  closedAt: string | null;
}

export interface PkSide {
  sessionId: string;
  title: string;
  hostNickname: string;
  hostAvatarUrl: string | null;
  /** GMV (fen) or likes gained since the PK started. */
  score: number;
}

/** Side a invited side b. */
export interface LivePk {
  id: string;
  status: 'invited' | 'running' | 'finished' | 'declined';
  metric: 'gmv' | 'likes';
  durationSeconds: number;
  invitedAt: string;
  startedAt: string | null;
  endsAt: string | null;
  finishedAt: string | null;
  winner: 'a' | 'b' | 'draw' | null;
  a: PkSide;
  b: PkSide;
}

export interface LiveFlash {
  id: string;
  sessionId: string;
  itemId: string;
  saleId: string;
  productId: string;
  skuId: string;
  title: string;
  specText: string;
  imageUrl: string | null;
  flashPrice: number;
  regularPrice: number;
  quantity: number;
  remaining: number;
  perUserLimit: number;
  startsAt: string;
  endsAt: string;
  state: 'upcoming' | 'live' | 'sold_out' | 'ended';
}

/** The room as the shop's detail route answers it (also the socket's ready snapshot). */
export interface LiveDetail extends LiveSessionRow {
  playbackUrl: string;
  posterUrl: string;
  badges: { realName: boolean; deposit: boolean; guarantee: boolean };
  products: LiveSessionProduct[];
  pinned: PinnedProduct | null;
  reminded: boolean;
  remindersCount: number;
  likes: number;
  gmv: number;
  clips: { productId: string; title: string; offsetSeconds: number }[];
  lottery: LiveLottery | null;
  poll: LivePoll | null;
  pk: LivePk | null;
  flash: LiveFlash | null;
}

/** GET …/sessions/:id/control as the server answers it. */
export interface LiveControlResponse {
  role: LiveRole | 'owner';
  abilities: LiveAbility[];
  session: LiveDetail;
  stream: { streamKey: string; ingestUrl: string | null } | null;
  team: { userId: string; nickname: string; role: LiveRole }[];
  mutes: { userId: string; until: string }[];
  /** The merchant's coupon templates usable as lottery prizes (empty without the run ability). */
  prizeTemplates: { id: string; name: string; label: string }[];
  /** The session products' enabled SKUs, for the live flash form (empty without the run ability). */
  skus: { skuId: string; productId: string; specText: string; price: number; stock: number }[];
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

export interface MinutePoint {
  minute: string;
  viewers: number;
  chats: number;
  likes: number;
  productClicks: number;
  orders: number;
  gmv: number;
}

/** The dashboard figures (the server's SessionFigures), also sent in staff `metrics` frames. */
export interface LiveMetrics {
  viewers: number;
  peakViewers: number;
  uniqueViewers: number;
  averageDwellSeconds: number;
  interactingViewers: number;
  interactionRate: number;
  likes: number;
  chats: number;
  productClicks: number;
  payingBuyers: number;
  conversionRate: number;
  orders: number;
  gmv: number;
  series: MinutePoint[];
}

export interface LiveReport extends LiveMetrics {
  title: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
  products: { productId: string; title: string; clicks: number; units: number; gmv: number }[];
  clips: { productId: string; title: string; offsetSeconds: number }[];
}

export interface LiveQualification {
  merchantId: string;
  /** Masked: only the family name in clear. */
  realName: string | null;
  idNumberTail: string | null;
  realNameVerifiedAt: string | null;
  depositHeld: number;
  depositRequired: number;
  depositPaidAt: string | null;
  availableBalance: number;
  badges: { realName: boolean; deposit: boolean; guarantee: boolean };
  creditScore: number;
  minCreditScore: number;
  canStart: boolean;
}
