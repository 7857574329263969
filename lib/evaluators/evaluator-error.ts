/** An evaluator failure that still spent money (a judge whose reply could not be read): an error, never a fail. */
export class EvaluatorError extends Error {
  constructor(
    message: string,
    readonly costUsd = 0,
  ) {
    super(message);
    this.name = 'EvaluatorError';
  }
}
