// The after-sales module's surface for other modules; the use-cases live in the files below.
export { requestAfterSale, cancelAfterSale, submitReturnShipment, type RequestAfterSaleInput } from './requests.ts';
export { approveAfterSale, rejectAfterSale, receiveReturn } from './decisions.ts';
export { getAfterSale, listAfterSales, type AfterSaleDto, type AfterSaleDetailDto } from './views.ts';
