import { PAYMENT_ERRORS } from '../../../../domain/payment/errors.js';
import { crc32, inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { StatementRecord } from '../../../../domain/payment/reconciliation.js';
import { Money } from '../../../../domain/shared/money.js';
import { fromBeijingText } from '../beijing-time.js';

/** A statement file that is not Alipay's bill (业务明细): the operator uploaded something else, or the download broke (`PAYMENT.INVALID_STATEMENT`). */
const notABill = (message: string) => PAYMENT_ERRORS.raise('INVALID_STATEMENT', message, { channel: 'alipay', reason: 'MALFORMED_STATEMENT' });

/** What one bill file may hold once unpacked (a day of a large shop is a few MiB). */
const MAX_UNPACKED = 64 * 1024 * 1024;

/**
 * The records of Alipay's trade bill (账单类型 trade): the zip `bill_download_url` serves, or the
 * 业务明细 CSV inside it (GBK, as Alipay writes it; UTF-8 is read too). `#` lines (the title, the
 * account, the period, the summary) are skipped; each 交易 row is a payment (number 商户订单号,
 * amount 订单金额), each 退款 row a refund (number 退款批次号/请求号, amount the 商家实收 given back,
 * positive); the fee is 服务费 (a refund's negative: the fee given back); times 完成时间 in Beijing time.
 */
export function parseAlipayStatement(file: Uint8Array): StatementRecord[] {
  const bytes = isZip(file) ? detailCsv(file) : file;
  return records(decodeText(bytes));
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gbk').decode(bytes);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

interface ZipEntry {
  readonly name: string;
  readonly data: () => Uint8Array;
}

/** The entries of a zip, read from its central directory (stored or deflated; no zip64, no encryption). */
export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notABill('the bill is not a zip: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) throw notABill('the bill zip has a broken central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise Alipay's names are GBK (…_业务明细.csv).
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'gbk').decode(rawName);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.push({
      name,
      data: () => {
        if (flags & 0x1) throw notABill(`${name} in the bill zip is encrypted`);
        if (packed === 0xffffffff || size === 0xffffffff) throw notABill('the bill zip is a zip64');
        if (size > MAX_UNPACKED) throw notABill(`${name} in the bill zip is larger than 64 MiB`);
        if (local + 30 > zip.length || view.getUint32(local, true) !== 0x04034b50) throw notABill(`${name}: no local header`);
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const body = zip.subarray(start, start + packed);
        if (body.length !== packed) throw notABill(`${name} in the bill zip is cut short`);
        let data: Uint8Array;
        if (method === 0) data = body;
        else if (method === 8) data = inflateRawSync(body, { maxOutputLength: MAX_UNPACKED });
        else throw notABill(`${name} in the bill zip is packed with method ${method}`);
        if (data.length !== size || crc32(data) !== crc) throw notABill(`${name} in the bill zip does not match its checksum`);
        return data;
      },
    });
  }
  return entries;
}

/** The 业务明细 CSV of a bill zip (not its 汇总, the summary). */
function detailCsv(zip: Uint8Array): Uint8Array {
  const csvs = zipEntries(zip).filter((e) => e.name.toLowerCase().endsWith('.csv'));
  const detail = csvs.find((e) => e.name.includes('业务明细') && !e.name.includes('汇总')) ?? csvs.find((e) => !e.name.includes('汇总'));
  if (!detail) throw notABill('the bill zip holds no 业务明细 CSV');
  return detail.data();
}

const COLUMNS = {
  transaction: '支付宝交易号',
  number: '商户订单号',
  type: '业务类型',
  created: '创建时间',
  completed: '完成时间',
  amount: '订单金额(元)',
  received: '商家实收(元)',
  refundNumber: '退款批次号/请求号',
  fee: '服务费(元)',
} as const;

const header = (cell: string) => cell.trim().replaceAll('（', '(').replaceAll('）', ')');

function records(text: string): StatementRecord[] {
  const rows = parse(text, { comment: '#', comment_no_infix: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true });
  const head = rows.findIndex((r) => r.map(header).includes(COLUMNS.transaction));
  if (head < 0) throw notABill('the bill has no header row (支付宝交易号 …): it is not an Alipay 业务明细');
  const names = rows[head]!.map(header);
  const col = Object.fromEntries(
    Object.entries(COLUMNS).map(([k, name]) => {
      const i = names.indexOf(name);
      if (i < 0) throw notABill(`the bill has no column ${name}`);
      return [k, i];
    }),
  ) as Record<keyof typeof COLUMNS, number>;
  const out: StatementRecord[] = [];
  rows.slice(head + 1).forEach((row, i) => {
    const line = `row ${head + i + 2}`;
    const cell = (k: keyof typeof COLUMNS) => (row[col[k]] ?? '').trim();
    const type = cell('type');
    if (type !== '交易' && type !== '退款') return; // other business types (冻结, 分账 …) move no money of a payment
    const at = fromBeijingText(cell('completed') || cell('created'));
    if (!at) throw notABill(`${line}: 完成时间 is not a "yyyy-MM-dd HH:mm:ss" time`);
    const fee = yuan(cell('fee') || '0', line).abs();
    const channelTransactionId = cell('transaction');
    if (type === '交易') {
      out.push({ kind: 'payment', number: cell('number'), at, amount: yuan(cell('amount'), line), channelTransactionId, fee });
    } else {
      out.push({
        kind: 'refund',
        number: cell('refundNumber'),
        at,
        amount: yuan(cell('received'), line).abs(),
        channelTransactionId,
        fee: fee.isZero() ? fee : fee.negate(),
      });
    }
  });
  return out;
}

function yuan(text: string, line: string): Money {
  if (!/^-?\d{1,16}(\.\d{1,2})?$/.test(text)) throw notABill(`${line}: ${JSON.stringify(text)} is not an amount in yuan`);
  return Money.of(text, 'CNY');
}
