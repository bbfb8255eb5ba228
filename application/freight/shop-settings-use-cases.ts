import { ShopFreightSettings, type ShopFreightSettingsFields, type ShopFreightSettingsSnapshot } from '../../domain/freight/shop-settings.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export type SetShopFreightSettingsCommand = ShopFreightSettingsFields & { readonly shopId: string };

/** Sets a shop's freight mode, how its templates combine, its shop template and its carrier costs (replaced as a whole). */
export class SetShopFreightSettings {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: SetShopFreightSettingsCommand): Promise<ShopFreightSettingsSnapshot> {
    return this.uow.run(async (tx) => {
      const { shopId, ...fields } = cmd;
      const settings = (await tx.shopFreightSettings.get(shopId)) ?? ShopFreightSettings.forShop(shopId, null);
      settings.define(fields);
      await tx.shopFreightSettings.save(settings);
      return settings.toSnapshot();
    });
  }
}

/** A shop's freight settings; the defaults (per-item, sum, version 0) when it never set any. */
export class GetShopFreightSettings {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly shopId: string }): Promise<ShopFreightSettingsSnapshot> {
    return this.uow.run(async (tx) => ((await tx.shopFreightSettings.get(cmd.shopId)) ?? ShopFreightSettings.forShop(cmd.shopId, null)).toSnapshot());
  }
}
