// The logistics module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { CARRIERS, type Carrier, trackingNoProblem } from './carriers.ts';
export {
  DEFAULT_SHIPPING_TEMPLATE,
  loadShippingTemplates,
  shippingFeeFor,
  type ShippingTemplate,
} from './templates.ts';
export { trackingOf, type TrackingView } from './tracking.ts';
