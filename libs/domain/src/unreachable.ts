/** The `never` check at the end of a switch: adding a case without handling it fails to compile. */
export function unreachable(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
