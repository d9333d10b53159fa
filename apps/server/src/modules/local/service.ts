// The local-life module's surface (docs/LOCAL.md). Use-cases live in the files below.
export { createOffer, createStore, endOffer, listMyOffers, listMyStores, updateStore } from './stores.ts';
export { nearbyOffers } from './nearby.ts';
export { buyVoucher, getOffer, lookupVoucher, myVouchers, recentRedemptions, verifyVoucher } from './vouchers.ts';
