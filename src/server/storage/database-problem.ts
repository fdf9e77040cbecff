/**
 * A database that cannot be used as it is, told in words for the operator:
 * what is wrong and what to do about it. The command line prints the message
 * alone, without a stack, and exits 1.
 */
export class DatabaseProblem extends Error {
  override name = 'DatabaseProblem';
}
