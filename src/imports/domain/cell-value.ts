/**
 * One spreadsheet cell as the readers hand it over: csv cells are strings, xlsx cells keep their type
 * (exceljs dates arrive as `Date`, formulas as their cached result). `null` is an empty cell.
 */
export type CellValue = string | number | boolean | Date | null;
