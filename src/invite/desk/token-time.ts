/**
 * Expiry as the desk's date field takes it: a day, in the admin's time zone. A token "until the
 * 3rd" works through the whole of the 3rd, so a chosen day becomes its last millisecond.
 */
export function endOfDay(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number);
  if (year === undefined || month === undefined || date === undefined) return undefined;
  return new Date(year, month - 1, date, 23, 59, 59, 999).getTime();
}

/** The day (`yyyy-mm-dd`, local) of a time, for the date field. */
export function dayOf(time: number): string {
  const at = new Date(time);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${String(at.getFullYear()).padStart(4, '0')}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

/** A time in the page's language, as a person reads it. */
export const formatTime = (language: string, time: number) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
