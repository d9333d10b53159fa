// The accounts module's public surface: other modules import from this file only (docs/ARCHITECTURE.md, "Boundaries").

export { findOwnAddress, shippingAddressesOf } from './addresses.ts';
export {
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
export {
  endSessionsOf,
  listPlatformStaff,
  markSecondFactor,
  platformRolesOfUser,
  setPlatformRoles,
} from './platform-staff.ts';
