/** what --print-settings shows for a value: secrets hidden, and any password inside a URL */
export function masked(value: string, secret: boolean): string {
  if (value === '') return value;
  if (secret) return '****';
  return value.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, '$1****@');
}
