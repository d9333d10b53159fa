// What the discovery module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { DELETE, RETAIN, personalData } from '../../platform/privacy.ts';
import { discoveryInteractions, discoveryInterestTags, discoverySettings, discoveryUserFeeds } from './schema.ts';

export const discoveryPersonalData = personalData('discovery', [
  {
    table: discoveryInteractions,
    by: [discoveryInteractions.userId],
    purpose: '购买与发布记录，用于个性化推荐',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: discoveryInterestTags,
    by: [discoveryInterestTags.userId],
    purpose: '由行为推算的兴趣标签，用于个性化推荐（可逐个删除）',
    classes: { user_id: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
  {
    table: discoverySettings,
    by: [discoverySettings.userId],
    purpose: '个性化推荐开关',
    classes: { user_id: 'personal' },
    retention: RETAIN.preference,
    erase: DELETE,
  },
  {
    table: discoveryUserFeeds,
    by: [discoveryUserFeeds.userId],
    purpose: '为本人预先算好的推荐候选（由行为与兴趣标签得出）',
    classes: { user_id: 'personal', feed: 'personal' },
    retention: RETAIN.behaviour,
    erase: DELETE,
  },
]);
