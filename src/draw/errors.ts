// A draw that cannot meet its rule fails whole, saying what is short.
export class InfeasibleDrawError extends Error {
  constructor(readonly shortages: string[]) {
    super(`draw is infeasible: ${shortages.join('; ')}`);
    this.name = 'InfeasibleDrawError';
  }
}

export class DrawInputError extends Error {
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'DrawInputError';
  }
}
