// What the c2m module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_AS_ANONYMOUS, KEEP_FOR_BOOKS, RETAIN, personalData } from '../../platform/privacy.ts';
import { c2mDesignBallots, c2mDesignVotes, c2mPledges, c2mPresales, c2mProposalVotes, c2mProposals } from './schema.ts';

// Votes stay (anonymous once the account is) so the counts others saw keep adding up.
export const c2mPersonalData = personalData('c2m', [
  {
    table: c2mProposals,
    by: [c2mProposals.proposedBy],
    purpose: '本人提出的需求（需求池）',
    classes: { proposed_by: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
  {
    table: c2mProposalVotes,
    by: [c2mProposalVotes.userId],
    purpose: '需求投票',
    classes: { user_id: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
  {
    table: c2mDesignBallots,
    by: [c2mDesignBallots.userId],
    purpose: '设计投票',
    classes: { user_id: 'personal' },
    retention: RETAIN.content,
    erase: KEEP_AS_ANONYMOUS,
  },
  {
    table: c2mDesignVotes,
    by: [c2mDesignVotes.createdBy],
    purpose: '商家员工发起的设计投票',
    classes: { created_by: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: c2mPresales,
    by: [c2mPresales.createdBy],
    purpose: '商家员工创建的预售',
    classes: { created_by: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: c2mPledges,
    by: [c2mPledges.userId],
    purpose: '预售订单（众筹）',
    classes: { user_id: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
