// The C2M module's use-cases (docs/SUPPLY.md, "C2M"); they live in the files below.
export {
  castDesignBallot,
  demandByCategory,
  listDesignVotes,
  listMerchantDesignVotes,
  listProposals,
  openDesignVote,
  proposeProduct,
  voteProposal,
} from './demand.ts';
export {
  createPresale,
  getPresale,
  listLivePresales,
  listMyPledges,
  listPresalesForStaff,
  pledge,
  productPresales,
  quotePledge,
  refundLatePledge,
} from './presale.ts';
