import { ContainerModule, type ServiceIdentifier } from 'inversify';
import * as uc from '../../application/checkout/index.js';
import { membershipCheckoutPoints } from '../../application/membership/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { ProductShops } from '../../domain/cart/ports.js';
import type { CustomerHistory } from '../../domain/coupon/index.js';
import type { CrossBorderPurchases } from '../../domain/crossborder/ports.js';
import type { Clock } from '../../domain/shared/ports.js';
import { CUSTOMER_HISTORY } from './coupon.js';
import { MemoryCrossBorderPurchases } from '../persistence/memory/memory-crossborder-purchases.js';
import { TOKENS } from './tokens.js';

const t = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`zhongtai.checkout.${name}`);

export const CHECKOUT = {
  PreviewCheckout: t<uc.PreviewCheckout>('PreviewCheckout'),
  Dependencies: t<uc.CheckoutDependencies>('Dependencies'),
} as const;

export const CROSSBORDER = {
  /** What a person paid for cross-border orders per year; `MemoryCrossBorderPurchases` until orders implement it (issue #6). */
  Purchases: Symbol.for('zhongtai.crossborder.Purchases') as ServiceIdentifier<CrossBorderPurchases>,
} as const;

export interface CheckoutModuleOptions {
  /** The member's points and the spending rule (default: the membership ledger and its points rule). */
  readonly points?: uc.CheckoutPoints;
}

/** The checkout preview (结算页): the cart's shop policy, the coupon context's customer history, the cross-border purchases port. */
export function checkoutModule(options: CheckoutModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CROSSBORDER.Purchases).toConstantValue(new MemoryCrossBorderPurchases());
    bind(CHECKOUT.Dependencies)
      .toResolvedValue(
        (uow: UnitOfWork, clock: Clock, shops: ProductShops, customers: CustomerHistory, purchases: CrossBorderPurchases): uc.CheckoutDependencies => ({
          uow, clock, shops, customers, purchases, points: options.points ?? membershipCheckoutPoints,
        }),
        [TOKENS.UnitOfWork, TOKENS.Clock, TOKENS.ProductShops, CUSTOMER_HISTORY, CROSSBORDER.Purchases],
      )
      .inSingletonScope();
    bind(CHECKOUT.PreviewCheckout).toResolvedValue((d) => new uc.PreviewCheckout(d), [CHECKOUT.Dependencies]).inSingletonScope();
  });
}
