export const BASELINE_KINDS = [
  'read-project',
  'read-exceljs',
  'csv-parse',
  'copy-csv',
  'read-project+copy',
  'read-exceljs+copy',
  'csv-parse+copy',
  'read-score-copy',
] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

export interface BaselineResult {
  kind: BaselineKind;
  rows: number;
  ms: number;
  maxRssMb: number;
}
