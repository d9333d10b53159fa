// What the trust module keeps about a person, why, for how long, and what account erasure does to it (docs/PRIVACY.md).
import { KEEP_FOR_BOOKS, personalData, RETAIN } from '../../platform/privacy.ts';
import { compensationClaims, complaints, merchantApplications } from './schema.ts';

export const trustPersonalData = personalData('trust', [
  {
    table: merchantApplications,
    by: [merchantApplications.applicantId],
    sealed: [merchantApplications.bankAccountHolder],
    purpose: '开店申请：经营者身份、营业执照与结算账户，依法核验',
    classes: {
      applicant_id: 'personal',
      licence_name: 'personal',
      licence_image_url: 'personal',
      legal_rep_name: 'sensitive',
      legal_rep_id_tail: 'sensitive',
      bank_account_holder: 'sensitive',
      bank_account_tail: 'sensitive',
    },
    retention: RETAIN.trade,
    erase: {
      kind: 'keep',
      why: '平台须核验并留存经营者身份信息，自其退出之日起不少于三年（《电子商务法》第 27 条）',
    },
  },
  {
    table: complaints,
    by: [complaints.userId],
    purpose: '投诉：消费者对订单、商品的投诉内容与凭证，用于处理投诉和商家信用分',
    classes: { user_id: 'personal', description: 'personal', images: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
  {
    table: compensationClaims,
    by: [compensationClaims.userId],
    purpose: '先行赔付：申请原因、凭证与赔付记录，平台垫付和向商家追偿的依据',
    classes: { user_id: 'personal', description: 'personal', images: 'personal' },
    retention: RETAIN.trade,
    erase: KEEP_FOR_BOOKS,
  },
]);
