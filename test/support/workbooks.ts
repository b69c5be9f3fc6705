import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | Date | null;

/** An xlsx made with exceljs, as an ERP export would look: optional banner rows above the header. */
export async function xlsxBuffer(
  rows: Cell[][],
  options: { sheetName?: string; bannerRows?: Cell[][]; extraSheets?: Record<string, Cell[][]> } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, sheetRows] of Object.entries(options.extraSheets ?? {})) {
    workbook.addWorksheet(name).addRows(sheetRows);
  }
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Suppliers');
  sheet.addRows([...(options.bannerRows ?? []), ...rows]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}
