import { Toast } from 'antd-mobile';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useBindInvitation, useRecordAffiliateTouch } from '../api/distribution.ts';
import { useMe } from '../api/session.ts';
import { useT } from '../i18n/index.tsx';
import { readJson, writeJson } from '../lib/storage.ts';
import { noteProductSource } from '../lib/track.ts';

const INVITE_KEY = 'haowu.shop.invite';
const AFF_KEY = 'haowu.shop.aff';
/** Affiliate clicks older than the attribution window would earn nothing; don't replay them. */
const AFF_MAX_AGE_MS = 7 * 86_400_000;

type PendingAff = { productId: string; code: string; at: number };

/**
 * Keeps `?invite=CODE` and `/product/:id?aff=CODE` from the URL until someone is signed in, then binds the invite
 * code (the server decides whether this account may still bind) and records the affiliate click.
 */
export function ReferralCapture() {
  const t = useT();
  const location = useLocation();
  const me = useMe();
  const { mutate: bind } = useBindInvitation();
  const { mutate: touch } = useRecordAffiliateTouch();
  const signedIn = Boolean(me.data);

  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const invite = params.get('invite');
    if (invite && /^[0-9A-Za-z]{4,16}$/.test(invite)) writeJson(INVITE_KEY, invite);
    const aff = params.get('aff');
    const product = /^\/product\/([^/?#]+)/.exec(location.pathname)?.[1];
    if (aff && product && /^[\w-]{4,32}$/.test(aff)) noteProductSource(product, 'affiliate', aff);
    if (aff && product && /^[\w-]{4,32}$/.test(aff))
      writeJson(AFF_KEY, { productId: product, code: aff, at: Date.now() } satisfies PendingAff);
  }, [location.pathname, location.search]);

  useEffect(() => {
    if (!signedIn) return;
    const invite = readJson<string | null>(INVITE_KEY, null);
    if (invite) {
      writeJson(INVITE_KEY, null);
      bind(invite, {
        onSuccess: (r) => Toast.show({ content: t('已接受 {name} 的邀请', { name: r.inviter.nickname }) }),
      });
    }
    const aff = readJson<PendingAff | null>(AFF_KEY, null);
    if (aff) {
      writeJson(AFF_KEY, null);
      if (Date.now() - aff.at < AFF_MAX_AGE_MS) touch({ productId: aff.productId, code: aff.code });
    }
    // Runs again whenever the route changes, so a link opened while signed in is recorded at once.
  }, [signedIn, location.key, bind, touch, t]);

  return null;
}
