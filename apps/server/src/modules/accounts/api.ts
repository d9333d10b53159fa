// The accounts module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

// listAddresses: the customer-service assistant offers the buyer's own saved addresses when changing an order's.
export { findOwnAddress, listAddresses, shippingAddressesOf } from './addresses.ts';
export {
  accountCreatedAt,
  createUser,
  findUserIdByPhone,
  getMe,
  grantStaffRole,
  phonesOf,
  publicProfiles,
  redeemSocketTicket,
  resolveActor,
} from './service.ts';
export { accountsPersonalData } from './personal-data.ts';
export { merchantMembership, merchantRoleCatalogue } from './merchant-roles.ts';
export { listMerchantStaff, merchantRoleOfUser, removeMerchantStaff, setMerchantRole } from './merchant-staff.ts';
export {
  endSessionsOf,
  listPlatformStaff,
  markSecondFactor,
  platformRolesOfUser,
  setPlatformRoles,
} from './platform-staff.ts';
