// The family module's use-cases: 亲情付 bindings and budgets, pay requests (亲情付 and 代付 links), 关怀模式.
export { answerInvitation, endBinding, inviteParent, listBindings, updateBinding } from './bindings.ts';
export {
  familyPayOptions,
  listRequests,
  onCheckoutPaid,
  onOrderCancelled,
  onRefundCompleted,
  payRequest,
  requestPayment,
  viewLink,
  withdrawRequest,
} from './requests.ts';
export { familyCareMode, myCareMode, setFamilyCareMode, setMyCareMode } from './care-mode.ts';
