// The fake Alipay's trade bill writer (业务明细 CSV in GBK, zipped as Alipay serves it); the fake gateway and the statement tests use it.
import { crc32, deflateRawSync } from 'node:zlib';

/** One row of the fake's trade bill (业务明细). */
export interface BillLine {
  readonly kind: 'payment' | 'refund';
  readonly tradeNo: string;
  readonly outTradeNo: string;
  readonly subject: string;
  readonly createdAt: string;
  readonly completedAt: string;
  /** 订单金额（元）: the trade's amount. */
  readonly amount: string;
  /** 商家实收（元）: negative for a refund. */
  readonly received: string;
  readonly refundNo: string;
  /** 服务费（元）: taken for a trade (written negative), given back for a refund (positive). */
  readonly fee: string;
}

const HEADER =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

/** The 业务明细 CSV as Alipay writes it: `#` lines around, each value followed by a tab. */
export function billCsv(day: string, lines: readonly BillLine[]): string {
  const cell = (v: string) => `${/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v}\t`;
  const rows = lines.map((l) =>
    [
      l.tradeNo,
      l.outTradeNo,
      l.kind === 'payment' ? '交易' : '退款',
      l.subject,
      l.createdAt,
      l.completedAt,
      '',
      '',
      '',
      '',
      'buy***@example.com',
      l.amount,
      l.received,
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '',
      '0.00',
      '0.00',
      l.refundNo,
      l.fee,
      '0.00',
      '',
    ]
      .map(cell)
      .join(','),
  );
  const count = (k: BillLine['kind']) => lines.filter((l) => l.kind === k).length;
  return [
    '#支付宝业务明细查询',
    '#账号：[20880000000000000156]',
    `#起始日期：[${day} 00:00:00]   终止日期：[${day} 23:59:59]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    HEADER,
    ...rows,
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${count('payment')}笔，退款合计：${count('refund')}笔`,
    `#导出时间：[${day} 09:00:00]`,
    '',
  ].join('\r\n');
}

let gbkTable: Map<string, number[]> | null = null;
/** GBK bytes of a text (TextEncoder writes only UTF-8): the table is TextDecoder('gbk') read backwards. */
export function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = d.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

/** A zip (deflated, names in GBK as Alipay writes them) of the detail CSV and a summary CSV. */
export function billZip(day: string, csv: string): Uint8Array {
  const compact = day.replaceAll('-', '');
  const files = [
    { name: `20880000000000000156_${compact}_业务明细(汇总).csv`, data: gbk('#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数\r\n') },
    { name: `20880000000000000156_${compact}_业务明细.csv`, data: gbk(csv) },
  ];
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(gbk(f.name));
    const packed = deflateRawSync(f.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(f.data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(f.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    head.copy(entry, 8, 6, 30); // flags … name length: as in the local header
    entry.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    central.push(entry, name);
    offset += head.length + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
