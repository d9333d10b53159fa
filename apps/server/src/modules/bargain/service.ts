// The bargain module's surface (docs/GROUPBUY.md). Use-cases live in the files below.
export { createBargainCampaign, listBargainCampaignsForStaff, stopBargainCampaign } from './campaigns.ts';
export {
  getBargain,
  helpBargain,
  listMyBargains,
  orderBargain,
  productBargains,
  quoteBargainOrder,
  startBargain,
} from './bargains.ts';
