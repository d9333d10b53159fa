// The group-buy module's surface (docs/GROUPBUY.md). Use-cases live in the files below.
export { createCampaign, type CreateCampaignInput, listCampaignsForStaff, stopCampaign } from './campaigns.ts';
export { joinGroup, openGroup, quoteSeat, type SeatOrderInput, type SeatTaken } from './seats.ts';
export { getGroupPage, listCampaignGroups, listMyGroupBuys, productGroupBuys } from './queries.ts';
export { groupPosterSvg } from './poster.ts';
