// One error type for every malformed input, so the import UI can show the message as is: it names the file
// and says what is wrong in plain words.

export class DataFormatError extends Error {
  /** `file` is '' for problems with the selection as a whole (nothing usable, mixed data sets, ...). */
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(file ? `${file}: ${detail}` : detail);
    this.name = 'DataFormatError';
  }
}

/** 47040016 → "47,040,016", without depending on the runtime's locale data. */
export function fmtInt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "a, b, c" or "a, b, c and 7 more": file lists in messages stay readable for big archives. */
export function listNames(names: string[], max = 10): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${fmtInt(names.length - max)} more`;
}
