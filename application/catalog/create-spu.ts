import { Spu, type SalesAttributeValues, type SpuSnapshot } from '../../domain/catalog/spu.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { assertCodesFree, newSpuBase, optionalPrice, placement, price, type SpuBase } from './spu-checks.js';
import { CATALOG_STORE } from './store.js';

export interface CreateSpuCommand extends SpuBase {
  readonly salesAttributes?: readonly SalesAttributeValues[];
  /** Default prices for every generated SKU, as decimal strings ("199.00"). */
  readonly salePrice?: string;
  readonly marketPrice?: string | null;
  /** Codes and prices for particular combinations of sales attribute values. */
  readonly skus?: readonly { specs: Record<string, string>; code?: string; salePrice?: string; marketPrice?: string | null }[];
}

/** Creates a product and generates its SKUs: every combination of the sales attribute values. */
export class CreateSpu {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: CreateSpuCommand): Promise<SpuSnapshot> {
    return this.d.uow.run(async (tx) => {
      const placed = await placement(tx, cmd);
      const spu = Spu.create({
        ...newSpuBase(cmd, this.d.ids.next(), placed, this.d.clock.now()),
        salesAttributes: cmd.salesAttributes ?? [],
        salePrice: price(cmd.salePrice),
        marketPrice: optionalPrice(cmd.marketPrice),
        skus: (cmd.skus ?? []).map((s) => ({
          specs: s.specs,
          code: s.code,
          salePrice: price(s.salePrice),
          marketPrice: optionalPrice(s.marketPrice),
        })),
        skuIds: () => this.d.ids.next(),
      });
      await assertCodesFree(tx, spu);
      await tx.use(CATALOG_STORE).spus.save(spu);
      return spu.toSnapshot();
    });
  }
}
