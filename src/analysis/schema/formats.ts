/**
 * String formats as the API server checks them (kube-openapi strfmt). Formats without a check
 * here (password, int32, …) accept any string, as they do there.
 */
import { isIPv4, isIPv6 } from 'node:net';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const CHECKS: Record<string, (v: string) => boolean> = {
  date: (v) => DATE.test(v),
  'date-time': (v) => DATE_TIME.test(v),
  datetime: (v) => DATE_TIME.test(v),
  hostname: (v) => HOSTNAME.test(v),
  ipv4: (v) => isIPv4(v),
  ipv6: (v) => isIPv6(v),
  cidr: (v) => {
    const [ip, bits, extra] = v.split('/');
    if (ip === undefined || bits === undefined || extra !== undefined || !/^\d+$/.test(bits)) return false;
    return (isIPv4(ip) && Number(bits) <= 32) || (isIPv6(ip) && Number(bits) <= 128);
  },
  mac: (v) => MAC.test(v),
  uuid: (v) => UUID.test(v),
  byte: (v) => v.length % 4 === 0 && BASE64.test(v),
  email: (v) => EMAIL.test(v),
  uri: (v) => {
    try {
      return new URL(v).protocol !== '';
    } catch {
      return false;
    }
  },
};

/** True when `value` has the named format (or the format is not one that is checked). */
export function checkFormat(format: string, value: string): boolean {
  const test = CHECKS[format];
  return test ? test(value) : true;
}
