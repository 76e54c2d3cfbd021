/** One problem with one input field (the same shape as the CLI's InputProblem; core imports nothing outside core). */
export interface InputProblem {
  field: string;
  message: string;
}
