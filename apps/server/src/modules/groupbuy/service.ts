// The group-buy module's surface (docs/GROUPBUY.md). Use-cases live in the files below.
export { createCampaign, listCampaignsForStaff, stopCampaign } from './campaigns.ts';
export { joinGroup, openGroup, quoteSeat } from './seats.ts';
export { getGroupPage, listCampaignGroups, listMyGroupBuys, productGroupBuys } from './queries.ts';
export { groupPosterSvg } from './poster.ts';
