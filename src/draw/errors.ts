// A draw that cannot meet its rule fails whole, saying what is short; a draw
// asked with inputs it cannot take says which and why. Both in the words the
// console and the CLI show; the field's API name stays on the error for logs.
export class InfeasibleDrawError extends Error {
  constructor(readonly shortages: string[]) {
    super(`无法按规则抽取：${shortages.join('；')}`);
    this.name = 'InfeasibleDrawError';
  }
}

export class DrawInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(problem);
    this.name = 'DrawInputError';
  }
}
