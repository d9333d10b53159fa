import type { AddressInput } from '../modules/accounts/addresses.ts';
import {
  COMMUNITIES,
  GIVEN_NAMES,
  NICK_NOUNS,
  NICK_PREFIXES,
  NICKNAMES,
  REGIONS,
  STREETS,
  SURNAMES,
} from './data/people.ts';
import type { Random } from './random.ts';

export interface DemoConsumer {
  phone: string;
  nickname: string;
  avatarUrl: string;
  addresses: AddressInput[];
}

/** The fixed demo consumer first, then generated ones with distinct nicknames and one or two addresses each. */
export function generateConsumers(rng: Random, count: number): DemoConsumer[] {
  const nicknames = new Set<string>(['好物体验官']);
  for (const n of NICKNAMES) nicknames.add(n);
  while (nicknames.size < count) nicknames.add(`${rng.pick(NICK_PREFIXES)}${rng.pick(NICK_NOUNS)}`);
  return [...nicknames].slice(0, count).map((nickname, i) => {
    const phone = i === 0 ? '13800000001' : `1380000${String(1000 + i)}`;
    const recipient = `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
    const addresses = [address(rng, recipient, phone)];
    if (rng.chance(0.3)) addresses.push(address(rng, `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`, phone));
    return {
      phone,
      nickname,
      avatarUrl: `/media/placeholder/avatar-${String(i + 1).padStart(3, '0')}.svg?label=${encodeURIComponent([...nickname][0]!)}`,
      addresses,
    };
  });
}

function address(rng: Random, recipient: string, phone: string): AddressInput {
  const region = rng.pick(REGIONS);
  return {
    recipient,
    phone,
    province: region.province,
    city: region.city,
    district: rng.pick(region.districts),
    detail: `${rng.pick(STREETS)}${rng.int(1, 399)}号${rng.pick(COMMUNITIES)}${rng.int(1, 20)}幢${rng.int(1, 3)}单元${rng.int(1, 28)}0${rng.int(1, 4)}室`,
  };
}
