import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { recordLiveProductClick } from '../../api/live.ts';
import { useMe } from '../../api/session.ts';
import { noteProductSource, trackClick } from '../../lib/track.ts';

/**
 * Opening a product from the room: sign-in first, then the product click (the attribution touch that credits the
 * order to this session) before the buy sheet opens, so the order placed from the sheet is the session's.
 */
export function useBuyFlow(sessionId: string) {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [buying, setBuying] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const login = () => void navigate(`/login?redirect=${encodeURIComponent(location.pathname)}`);

  const buy = async (productId: string) => {
    if (!me.data) return login();
    setOpening(true);
    trackClick(productId, 'live.products', 0);
    noteProductSource(productId, 'live', sessionId);
    // A lost click costs the session one attribution, never the shopper the purchase.
    await recordLiveProductClick(sessionId, productId).catch(() => undefined);
    setOpening(false);
    setBuying(productId);
  };

  return {
    signedIn: Boolean(me.data),
    myId: me.data?.id,
    buying,
    opening,
    buy: (id: string) => void buy(id),
    close: () => setBuying(null),
    login,
  };
}
