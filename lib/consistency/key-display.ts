// Keys and field names travel as "binary strings" (one char per byte, latin1) so any key
// round-trips exactly; people read them as UTF-8 with escapes for what is not printable.

const decoder = new TextDecoder('utf-8', { fatal: true });
const MAX_SHOWN = 200;

export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f && b !== 0x5c) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Printable form of a binary string: UTF-8 when it decodes cleanly, `\xNN` escapes otherwise. */
export function displayBinary(s: string, max = MAX_SHOWN): string {
  const bytes = binaryToBytes(s.length > max * 4 ? s.slice(0, max * 4) : s);
  let text: string;
  try {
    text = decoder.decode(bytes);
    // Control characters would break CSV rows and terminals alike.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(text)) text = escapeBytes(bytes);
  } catch {
    text = escapeBytes(bytes);
  }
  return text.length > max || s.length > max * 4 ? `${text.slice(0, max)}…` : text;
}
