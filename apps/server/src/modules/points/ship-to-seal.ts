// The points mall's shipping address at rest (docs/PRIVACY.md "Encryption at rest"): recipient, phone and address
// are sealed inside `points_redemptions.ship_to`; opened where the buyer and the fulfilling operator see them.
import type { Deps } from '../../deps.ts';
import { openFields, sealBackfill, sealFields, sealJson } from '../../platform/seal-backfill.ts';
import { pointsRedemptions } from './schema.ts';

type Crypto = Pick<Deps, 'fieldCrypto'>;
type ShipTo = Record<string, string>;
const SEALED_FIELDS = ['recipient', 'phone', 'address'] as const;

export const sealShipTo = (deps: Crypto, s: ShipTo | null): ShipTo | null =>
  s && sealFields(deps.fieldCrypto, s, SEALED_FIELDS);

export const openShipTo = (deps: Crypto, s: ShipTo | null): ShipTo | null =>
  s && openFields(deps.fieldCrypto, s, SEALED_FIELDS);

/** Start-up backfill: seals the addresses of redemptions written before sealing (erased ones are null). */
export const sealPlainShipTos = (deps: Deps): Promise<number> =>
  sealBackfill(
    deps.database.db,
    sealJson<ShipTo>(deps.fieldCrypto, {
      table: pointsRedemptions,
      key: pointsRedemptions.id,
      column: pointsRedemptions.shipTo,
      name: 'shipTo',
      fields: SEALED_FIELDS,
      marker: 'phone',
    }),
  );
