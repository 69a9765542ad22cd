/**
 * Errors a consumer can never fix by retrying: the record goes to the dead letters at once.
 * `code` is stable so operators can filter dead letters by it.
 */
export class UndeliverableEventError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UndeliverableEventError';
  }
}

export class ContractViolationError extends UndeliverableEventError {
  constructor(topic: string, problems: readonly string[]) {
    super('EVENT.CONTRACT_VIOLATION', `${topic}: payload does not match its schema: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}
