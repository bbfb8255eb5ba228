import { DomainError } from '../shared/domain-error.js';

/**
 * Regions (行政区划) as six-digit GB/T 2260 codes, read structurally as `PP CC DD`:
 *
 * | level    | shape               | example                   |
 * | -------- | ------------------- | ------------------------- |
 * | province | `PP0000`            | `330000` 浙江省 Zhejiang  |
 * | city     | `PPCC00`, CC ≠ 00   | `330100` 杭州市 Hangzhou  |
 * | district | `PPCCDD`, DD ≠ 00   | `330106` 西湖区 Xihu      |
 *
 * The parent of a code is derived from the code itself (`330106` → `330100` → `330000`), so no
 * gazetteer is needed. Only the province part is checked against a table (the 34 provincial-level
 * divisions); whether city `3301` or district `330106` really exists is not checked. A code whose
 * city part is `00` but whose district part is not (`330006`) is malformed.
 */
declare const regionBrand: unique symbol;
export type RegionCode = string & { readonly [regionBrand]: true };

export type RegionLevel = 'province' | 'city' | 'district';

/** The provincial-level divisions by their two-digit prefix (GB/T 2260). */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

/** Parses a region code of any level; anything else is `DISPATCH.INVALID_REGION`. */
export function regionCode(value: string): RegionCode {
  if (typeof value !== 'string' || !/^\d{6}$/.test(value) || !(value.slice(0, 2) in PROVINCES)) {
    throw invalidRegion(value, 'a region is a six-digit GB/T 2260 code of a known province');
  }
  if (value.slice(2, 4) === '00' && value.slice(4) !== '00') {
    throw invalidRegion(value, 'a district code needs a city part');
  }
  return value as RegionCode;
}

/** Parses an address: a district code (its city and province follow from it). */
export function districtCode(value: string): RegionCode {
  const code = regionCode(value);
  if (regionLevel(code) !== 'district') throw invalidRegion(value, 'an address is a district code');
  return code;
}

export function regionLevel(code: RegionCode): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'district';
}

/** The code and its ancestors, from the province down: `330106` → [`330000`, `330100`, `330106`]. */
export function regionPath(code: RegionCode): RegionCode[] {
  const province = `${code.slice(0, 2)}0000` as RegionCode;
  const city = `${code.slice(0, 4)}00` as RegionCode;
  const level = regionLevel(code);
  if (level === 'province') return [province];
  return level === 'city' ? [province, city] : [province, city, code];
}

/** Whether `outer` is `inner` or one of its ancestors: a rule naming `outer` covers `inner`. */
export function regionContains(outer: RegionCode, inner: RegionCode): boolean {
  return regionPath(inner).includes(outer);
}

/** Two region definitions overlap when one contains the other (identical codes included). */
export function regionsOverlap(a: RegionCode, b: RegionCode): boolean {
  return regionContains(a, b) || regionContains(b, a);
}

function invalidRegion(value: unknown, message: string): DomainError {
  return DomainError.invalid('DISPATCH.INVALID_REGION', `${message}: ${JSON.stringify(value)}`, { region: value });
}
