/** where two outputs first differ: the field's path (`points`, `lines[1].sku`) and both values */
export interface FieldDifference {
  readonly path: string;
  readonly live: unknown;
  readonly shadow: unknown;
}

/**
 * The first field, in a stable order (object keys sorted, arrays by index), where the live and the
 * shadow output differ; undefined when they are equal. Fields whose name is in `ignored` (at any
 * depth) are skipped: ids and timestamps each side generates for itself.
 */
export function firstDifference(
  live: unknown,
  shadow: unknown,
  ignored: ReadonlySet<string> = new Set(),
  path = '',
): FieldDifference | undefined {
  const a = normalized(live);
  const b = normalized(shadow);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = firstDifference(a[i], b[i], ignored, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignored.has(k)).sort();
    for (const key of keys) {
      const found = firstDifference(a[key], b[key], ignored, path ? `${path}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : { path: path || '(value)', live: a, shadow: b };
}

/** values as both databases and the Avro decoder hand them over, made comparable */
function normalized(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return value ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
