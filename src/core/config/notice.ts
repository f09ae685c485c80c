// Notices: what a repair or a link decoder changed, as short plain text that is safe to show (no control or
// bidi characters, bounded length), capped in number.

export interface Notice {
  /** Dotted path of the field ("students.2.sigma"), or "(config)" / "(link)" for the whole thing. */
  field: string;
  message: string;
  /** The rejected value, sanitised for display (no control characters, at most 40 characters). */
  value?: string;
}

const MAX_NOTICES = 30;

/** Collects notices; past MAX_NOTICES only counts them (one summary line at the end). */
export class Notes {
  private readonly items: Notice[] = [];
  private dropped = 0;

  add(field: string, message: string, value?: unknown): void {
    if (this.items.length >= MAX_NOTICES) {
      this.dropped++;
      return;
    }
    const n: Notice = { field: cleanText(field, 80) || '(config)', message: cleanText(message, 200) };
    if (value !== undefined) n.value = renderValue(value);
    this.items.push(n);
  }

  list(): Notice[] {
    if (this.dropped === 0) return [...this.items];
    return [...this.items, { field: '(config)', message: `${this.dropped} more problems not listed` }];
  }
}

/** A value as plain text for a notice: JSON-like, control and bidi characters removed, at most 40 characters. */
export function renderValue(v: unknown, max = 40): string {
  let s: string;
  try {
    if (typeof v === 'string') s = JSON.stringify((v.length > 200 ? v.slice(0, 200) : v).replace(INVISIBLE, ''));
    else if (typeof v === 'function') s = '[function]';
    else if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'number') s = String(v);
    else s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return cleanText(s, max);
}

// C0/C1 controls, zero-width and bidi-override characters: they could hide or reorder text in a notice.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Plain text for display: invisible characters removed, at most `max` characters (code points). */
export function cleanText(s: string, max: number): string {
  const chars = Array.from(s.slice(0, 4 * max).replace(INVISIBLE, ''));
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}
