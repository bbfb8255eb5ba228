import type { Money } from '../shared/money.js';
import { CROSSBORDER_ERRORS } from './errors.js';
import { amount } from './tax.js';

/** 订购人 / 支付人: the person customs identifies by name and ID number. */
export interface Person {
  readonly name: string;
  readonly idNumber: string;
}

export interface Consignee {
  readonly name: string;
  readonly phone: string;
  readonly address: string;
}

export interface DocumentItem {
  readonly skuId: string;
  readonly quantity: number;
  /** Unit price. */
  readonly price: Money | string;
}

/** 订单: the order as the platform pushes it to customs. */
export interface OrderDocument {
  readonly orderNo: string;
  readonly buyer: Person;
  readonly consignee: Consignee;
  readonly items: readonly DocumentItem[];
  /** What the order says the shopper pays (goods, freight and tax, after discounts). */
  readonly total: Money | string;
}

/** 支付单: from the payment company. */
export interface PaymentDocument {
  readonly orderNo: string;
  readonly payer: Person;
  readonly amount: Money | string;
}

/** 运单: from the carrier. */
export interface WaybillDocument {
  readonly waybillNo: string;
  readonly orderNo: string;
  readonly consignee: Consignee;
}

/** 清单: the customs declaration list. */
export interface CustomsDeclaration {
  readonly orderNo: string;
  readonly waybillNo: string;
  readonly buyer: Person;
  readonly consignee: Consignee;
  readonly items: readonly DocumentItem[];
  /** The declared total (申报总价). */
  readonly declaredAmount: Money | string;
}

export interface FourDocuments {
  readonly order: OrderDocument;
  readonly payment: PaymentDocument;
  readonly waybill: WaybillDocument;
  readonly declaration: CustomsDeclaration;
}

export const DOCUMENT_MISMATCHES = ['ORDER_NO', 'WAYBILL_NO', 'BUYER', 'CONSIGNEE', 'ITEMS', 'DECLARED_AMOUNT', 'PAYMENT_EXCEEDS_DECLARED'] as const;
export type DocumentMismatchKind = (typeof DOCUMENT_MISMATCHES)[number];
export type DocumentName = keyof FourDocuments;

export interface DocumentMismatch {
  readonly kind: DocumentMismatchKind;
  /** The document whose value is the reference, and the one that disagrees. */
  readonly documents: readonly [DocumentName, DocumentName];
  /** Which field (`payer.idNumber`, `items[sku-1].quantity` …). */
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

export interface FourDocumentCheck {
  readonly consistent: boolean;
  /** Every mismatch found, in a fixed order (the kinds above, then by document and field). */
  readonly mismatches: readonly DocumentMismatch[];
}

/**
 * The four-document check (四单对碰, spec §18): the order, the payment, the waybill and the customs
 * declaration must agree. The order is the reference:
 *
 * - ORDER_NO: the payment, the waybill and the declaration name the order's number;
 * - WAYBILL_NO: the declaration names the waybill's number;
 * - BUYER: the payer and the declared buyer are the order's buyer (name and ID number);
 * - CONSIGNEE: the waybill's and the declaration's consignee are the order's (name, phone, address);
 * - ITEMS: the declaration lists the order's items (SKU, quantity, unit price), nothing more or less;
 * - DECLARED_AMOUNT: the declared total is the order's total;
 * - PAYMENT_EXCEEDS_DECLARED: the payment may differ from the declared amount but never exceed it.
 *
 * Every mismatch is reported, not only the first.
 */
export function checkFourDocuments(docs: FourDocuments): FourDocumentCheck {
  const { order, payment, waybill, declaration } = docs;
  const out: DocumentMismatch[] = [];
  const compare = (kind: DocumentMismatchKind, documents: [DocumentName, DocumentName], field: string, expected: string, actual: string) => {
    if (expected !== actual) out.push({ kind, documents, field, expected, actual });
  };
  for (const [doc, no] of [
    ['payment', payment.orderNo],
    ['waybill', waybill.orderNo],
    ['declaration', declaration.orderNo],
  ] as const) {
    compare('ORDER_NO', ['order', doc], 'orderNo', order.orderNo, no);
  }
  compare('WAYBILL_NO', ['waybill', 'declaration'], 'waybillNo', waybill.waybillNo, declaration.waybillNo);
  for (const [doc, field, p] of [
    ['payment', 'payer', payment.payer],
    ['declaration', 'buyer', declaration.buyer],
  ] as const) {
    compare('BUYER', ['order', doc], `${field}.name`, order.buyer.name.trim(), p.name.trim());
    compare('BUYER', ['order', doc], `${field}.idNumber`, order.buyer.idNumber.trim().toUpperCase(), p.idNumber.trim().toUpperCase());
  }
  for (const [doc, c] of [
    ['waybill', waybill.consignee],
    ['declaration', declaration.consignee],
  ] as const) {
    for (const f of ['name', 'phone', 'address'] as const) compare('CONSIGNEE', ['order', doc], `consignee.${f}`, order.consignee[f].trim(), c[f].trim());
  }
  const items = (list: readonly DocumentItem[], doc: string) => {
    const m = new Map<string, { quantity: number; price: string }>();
    list.forEach((i, n) => {
      const prev = m.get(i.skuId);
      const price = amount(i.price, `${doc}.items[${n}].price`).toString();
      m.set(i.skuId, { quantity: (prev?.quantity ?? 0) + i.quantity, price: prev && prev.price !== price ? `${prev.price}|${price}` : price });
    });
    return m;
  };
  const ordered = items(order.items, 'order');
  const declared = items(declaration.items, 'declaration');
  for (const skuId of [...new Set([...ordered.keys(), ...declared.keys()])].sort()) {
    const [o, d] = [ordered.get(skuId), declared.get(skuId)];
    compare('ITEMS', ['order', 'declaration'], `items[${skuId}].quantity`, String(o?.quantity ?? 0), String(d?.quantity ?? 0));
    if (o && d) compare('ITEMS', ['order', 'declaration'], `items[${skuId}].price`, o.price, d.price);
  }
  const total = amount(order.total, 'order.total');
  const declaredAmount = amount(declaration.declaredAmount, 'declaration.declaredAmount');
  const paid = amount(payment.amount, 'payment.amount');
  compare('DECLARED_AMOUNT', ['order', 'declaration'], 'declaredAmount', total.toString(), declaredAmount.toString());
  if (paid.greaterThan(declaredAmount)) {
    out.push({
      kind: 'PAYMENT_EXCEEDS_DECLARED',
      documents: ['declaration', 'payment'],
      field: 'amount',
      expected: `at most ${declaredAmount.toString()}`,
      actual: paid.toString(),
    });
  }
  return { consistent: out.length === 0, mismatches: out };
}

/** Throws `CROSSBORDER.DOCUMENTS_MISMATCH` with every mismatch when the four documents disagree. */
export function assertFourDocumentsAgree(docs: FourDocuments): void {
  const { mismatches } = checkFourDocuments(docs);
  if (mismatches.length > 0) {
    throw CROSSBORDER_ERRORS.raise('DOCUMENTS_MISMATCH', `the four documents disagree in ${mismatches.length} place(s)`, { mismatches });
  }
}
