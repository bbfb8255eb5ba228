import { ShopFreightSettings, type ShopFreightSettingsSnapshot } from '../../domain/freight/shop-settings.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { FREIGHT_STORE } from './store.js';

/** A shop's freight settings; the defaults (per-item, sum, version 0) when it never set any. */
export class GetShopFreightSettings {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly shopId: string }): Promise<ShopFreightSettingsSnapshot> {
    return this.d.uow.run(async (tx) =>
      ((await tx.use(FREIGHT_STORE).shopSettings.get(cmd.shopId)) ?? ShopFreightSettings.forShop(cmd.shopId, null)).toSnapshot(),
    );
  }
}
