import { addAddress, replaceAddress, type Address, type MemberProfile } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { editMember } from './profiles.js';

/**
 * Without `addressId`: adds an address under a new id the server makes. With one: replaces that address
 * of the member's; an id they do not have (another member's, or none) is MEMBERSHIP.ADDRESS_NOT_FOUND,
 * never a new address (decision 0021).
 */
export class PutAddress {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; addressId?: string } & Omit<Address, 'id' | 'isDefault'> & { isDefault?: boolean }): Promise<MemberProfile> {
    const fields = { recipient: cmd.recipient, phone: cmd.phone, region: cmd.region, detail: cmd.detail, isDefault: cmd.isDefault ?? false };
    const addressId = cmd.addressId;
    if (addressId === undefined) return editMember(this.d.uow, cmd.memberId, (m) => addAddress(m, { id: this.d.ids.next(), ...fields }));
    return editMember(this.d.uow, cmd.memberId, (m) => replaceAddress(m, { id: addressId, ...fields }));
  }
}
