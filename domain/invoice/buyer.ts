import { INVOICE_ERRORS } from './errors.js';
import type { Buyer } from './invoice-state.js';

/** 统一社会信用代码 (18) or the older 15- and 20-character taxpayer numbers: digits and capitals. */
const TAX_NUMBER = /^(?:[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The buyer's fields as entered, checked: a title of 1–100 characters; a company's taxpayer number
 * (required for a company, none for a person); an email and an address when given, of sane length.
 * INVOICE.INVALID_BUYER otherwise.
 */
export function checkBuyer(b: Buyer): Buyer {
  const title = b.title.trim();
  const bad = (field: string, message: string) => INVOICE_ERRORS.raise('INVALID_BUYER', message, { field });
  if (title.length === 0 || title.length > 100) throw bad('title', 'the title (抬头) has 1 to 100 characters');
  if (b.type === 'company' && (b.taxNumber === null || !TAX_NUMBER.test(b.taxNumber))) {
    throw bad('taxNumber', "a company's taxpayer number (纳税人识别号) has 15, 18 or 20 digits and capital letters");
  }
  if (b.type === 'personal' && b.taxNumber !== null) throw bad('taxNumber', 'a personal invoice carries no taxpayer number');
  if (b.email !== null && (b.email.length > 200 || !EMAIL.test(b.email))) throw bad('email', 'the email is not an address');
  if (b.address !== null && b.address.length > 300) throw bad('address', 'the address has at most 300 characters');
  return { type: b.type, title, taxNumber: b.taxNumber, email: b.email, address: b.address };
}
