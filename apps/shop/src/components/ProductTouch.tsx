import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { recordTouch } from '../api/posts.ts';
import { useMe } from '../api/session.ts';
import { noteProductSource } from '../lib/track.ts';

/**
 * Credits how the shopper reached a product page: a share link (?share=TOKEN) or search results (?from=search).
 * Once per page view; anonymous visits are not tracked (touches belong to a signed-in shopper).
 */
export function useProductTouch(productId: string): void {
  const [params] = useSearchParams();
  const me = useMe();
  const share = params.get('share');
  const fromSearch = params.get('from') === 'search';
  const userId = me.data?.id;
  useEffect(() => {
    // Behaviour events carry the same source, signed in or not (an anonymous view still came from somewhere).
    if (share) noteProductSource(productId, 'share', share);
    else if (fromSearch) noteProductSource(productId, 'search');
  }, [productId, share, fromSearch]);
  useEffect(() => {
    if (!userId || !productId) return;
    if (share) recordTouch({ kind: 'share', shareToken: share, productId });
    else if (fromSearch) recordTouch({ kind: 'search', productId });
  }, [userId, productId, share, fromSearch]);
}
