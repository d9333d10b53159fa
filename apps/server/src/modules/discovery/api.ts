// The discovery module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { discoveryPersonalData } from './personal-data.ts';
export {
  forgetDiscoveryHistory,
  forgetDiscoveryUser,
  getRecommendationSettings,
  setRecommendationSettings,
} from './service.ts';
