import { ShopFreightSettings, type ShopFreightSettingsFields, type ShopFreightSettingsSnapshot } from '../../domain/freight/shop-settings.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { FREIGHT_STORE } from './store.js';

export type SetShopFreightSettingsCommand = ShopFreightSettingsFields & { readonly shopId: string };

/** Sets a shop's freight mode, how its templates combine, its shop template and its carrier costs (replaced as a whole). */
export class SetShopFreightSettings {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: SetShopFreightSettingsCommand): Promise<ShopFreightSettingsSnapshot> {
    return this.d.uow.run(async (tx) => {
      const { shopId, ...fields } = cmd;
      const store = tx.use(FREIGHT_STORE);
      const settings = (await store.shopSettings.get(shopId)) ?? ShopFreightSettings.forShop(shopId, null);
      settings.define(fields);
      await store.shopSettings.save(settings);
      return settings.toSnapshot();
    });
  }
}
