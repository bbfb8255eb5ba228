import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/cart/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { GuestCartIds, ProductShops } from '../../domain/cart/ports.js';
import type { Clock } from '../../domain/shared/ports.js';
import { randomGuestCartIds } from '../system/guest-cart-ids.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.cart.${name}`);

export const CART = {
  AddToCart: t<uc.AddToCart>('AddToCart'),
  ChangeCartQuantity: t<uc.ChangeCartQuantity>('ChangeCartQuantity'),
  RemoveFromCart: t<uc.RemoveFromCart>('RemoveFromCart'),
  SelectCartLines: t<uc.SelectCartLines>('SelectCartLines'),
  ClearInvalidLines: t<uc.ClearInvalidLines>('ClearInvalidLines'),
  OpenGuestCart: t<uc.OpenGuestCart>('OpenGuestCart'),
  MergeGuestCart: t<uc.MergeGuestCart>('MergeGuestCart'),
  ViewCart: t<uc.ViewCart>('ViewCart'),
  Dependencies: t<uc.CartDependencies>('Dependencies'),
} as const;

export interface CartModuleOptions {
  /** Which shop sells a product, and purchase limits (default `brandShops`: decision 0014). */
  readonly shops?: ProductShops;
  /** New guest cart ids (default: 192 random bits). */
  readonly guestIds?: GuestCartIds;
}

/** Cart use cases (spec §4): add, change, remove, select, clear invalid lines, guest carts and their merge, the view. */
export function cartModule(options: CartModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CART.Dependencies)
      .toResolvedValue((uow: UnitOfWork, clock: Clock): uc.CartDependencies => ({ uow, clock, shops: options.shops ?? uc.brandShops }), [TOKENS.UnitOfWork, TOKENS.Clock])
      .inSingletonScope();
    const D = [CART.Dependencies] as const;
    bind(CART.AddToCart).toResolvedValue((d) => new uc.AddToCart(d), [...D]).inSingletonScope();
    bind(CART.ChangeCartQuantity).toResolvedValue((d) => new uc.ChangeCartQuantity(d), [...D]).inSingletonScope();
    bind(CART.RemoveFromCart).toResolvedValue((d) => new uc.RemoveFromCart(d), [...D]).inSingletonScope();
    bind(CART.SelectCartLines).toResolvedValue((d) => new uc.SelectCartLines(d), [...D]).inSingletonScope();
    bind(CART.ClearInvalidLines).toResolvedValue((d) => new uc.ClearInvalidLines(d), [...D]).inSingletonScope();
    bind(CART.OpenGuestCart).toResolvedValue((d) => new uc.OpenGuestCart(d, options.guestIds ?? randomGuestCartIds), [...D]).inSingletonScope();
    bind(CART.MergeGuestCart).toResolvedValue((d) => new uc.MergeGuestCart(d), [...D]).inSingletonScope();
    bind(CART.ViewCart).toResolvedValue((d) => new uc.ViewCart(d), [...D]).inSingletonScope();
  });
}
