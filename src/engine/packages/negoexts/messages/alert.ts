// ALERT_MESSAGE (MS-NEGOEX 2.2.6.2): tells the peer something without ending the negotiation.
// The one alert defined is ALERT_TYPE_PULSE with reason ALERT_VERIFY_NO_KEY: "I received your VERIFY
// but my scheme has no key yet", so the peer knows to keep going.
//   MESSAGE_HEADER (40) | AuthScheme (16) | ErrorCode (4, NTSTATUS) | Alerts ALERT_VECTOR (8) | 4 bytes of padding
//   then the ALERTs { AlertType (4), AlertValue BYTE_VECTOR (8) } and their values (ALERT_PULSE { cbHeaderLength (4) = 8, Reason (4) })
import { DecodeError, hex, readU32le } from '../../../bytes';
import { type Field, field } from '../../../encoding/fields';
import { ALERT_HEADER_LENGTH, ALERT_LENGTH, ALERT_PULSE_LENGTH, ALERT_TYPE_PULSE, ALERT_VERIFY_NO_KEY, MESSAGE_TYPE, R, authSchemeText } from './constants';
import { guidBytes, guidText } from './guid';
import { type HeaderRead, Writer, byteVectorFields, checkArray, finishMessage, paddingFields, readVector, vectorFields, writeHeader } from './header';
import type { Alert, AlertMessage } from './types';

/** The pulse alert that says "VERIFY received, no key yet". */
export function verifyNoKeyPulse(): Alert {
  const v = new Uint8Array(ALERT_PULSE_LENGTH);
  v[0] = ALERT_PULSE_LENGTH;
  v[4] = ALERT_VERIFY_NO_KEY;
  return { alertType: ALERT_TYPE_PULSE, value: v };
}

export function buildAlert(m: Omit<AlertMessage, 'kind' | 'messageType'> & { messageType?: number }): Uint8Array {
  const w = new Writer();
  writeHeader(w, { ...m, messageType: MESSAGE_TYPE.ALERT }, ALERT_HEADER_LENGTH);
  w.bytes(guidBytes(m.authScheme)).u32(m.errorCode >>> 0).u32(m.alerts.length ? ALERT_HEADER_LENGTH : 0).u16(m.alerts.length).u16(0).zeros(4);
  let valueAt = ALERT_HEADER_LENGTH + ALERT_LENGTH * m.alerts.length;
  for (const a of m.alerts) { w.u32(a.alertType).u32(valueAt).u32(a.value.length); valueAt += a.value.length; }
  for (const a of m.alerts) w.bytes(a.value);
  return finishMessage(w);
}

export function parseAlertBody(b: Uint8Array, at: number, h: HeaderRead): { value: AlertMessage; fields: Field[] } {
  const end = at + h.messageLength;
  if (h.headerLength < 68) throw new DecodeError(`ALERT_MESSAGE: cbHeaderLength ${h.headerLength} < 68`, at + 16);
  const o = at + 40;
  const authScheme = guidText(b, o);
  const errorCode = readU32le(b, o + 16);
  const av = readVector(b, o + 20);
  checkArray(at, h.messageLength, av.offset, av.count, ALERT_LENGTH, 'Alerts');
  const fields: Field[] = [
    ...h.fields,
    field('AuthScheme', o, o + 16, 'the scheme the alert is about', authSchemeText(authScheme), R.alert),
    field('ErrorCode', o + 16, o + 20, 'an NTSTATUS (0 for a pulse)', `0x${errorCode.toString(16).padStart(8, '0')}`, R.alert),
    vectorFields('Alerts', o + 20, av, 'alerts', R.alert),
  ];
  const alerts: Alert[] = [];
  for (let i = 0; i < av.count; i++) {
    const p = at + av.offset + ALERT_LENGTH * i;
    const alertType = readU32le(b, p);
    const vo = readU32le(b, p + 4), vl = readU32le(b, p + 8);
    if (vo + vl > h.messageLength) throw new DecodeError('ALERT value runs past the message', p);
    const value = b.slice(at + vo, at + vo + vl);
    alerts.push({ alertType, value });
    fields.push({
      name: `Alert[${i}]`, start: p, end: p + ALERT_LENGTH, explain: 'one alert', ref: R.alert,
      children: [
        field('AlertType', p, p + 4, 'ALERT_TYPE_PULSE (1) is the one type defined', alertType === ALERT_TYPE_PULSE ? '1 (ALERT_TYPE_PULSE)' : String(alertType), R.alert),
        byteVectorFields('AlertValue', p + 4, vo, vl, 'the alert value', R.alert),
      ],
    });
    if (alertType === ALERT_TYPE_PULSE && vl === ALERT_PULSE_LENGTH) {
      const s = at + vo;
      const reason = readU32le(b, s + 4);
      fields.push({
        name: 'ALERT_PULSE', start: s, end: s + 8, explain: 'why the pulse was sent', ref: R.alert,
        children: [
          field('cbHeaderLength', s, s + 4, 'size of ALERT_PULSE: 8', readU32le(b, s), R.alert),
          field('Reason', s + 4, s + 8, 'ALERT_VERIFY_NO_KEY (1): the VERIFY arrived before this side had a key to check it', reason === ALERT_VERIFY_NO_KEY ? '1 (ALERT_VERIFY_NO_KEY)' : String(reason), R.alert),
        ],
      });
    } else if (vl) {
      fields.push(field(`Alert[${i}] value`, at + vo, at + vo + vl, 'alert data', hex(value), R.alert));
    }
  }
  fields.push(...paddingFields(fields, at, end, b));
  fields.sort((x, y) => x.start - y.start);
  return { value: { kind: 'alert', ...h.header, authScheme, errorCode, alerts }, fields };
}
