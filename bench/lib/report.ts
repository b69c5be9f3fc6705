import { readFile, writeFile } from 'node:fs/promises';

export interface Figure {
  group: string;
  name: string;
  /** The measured figure, formatted with its unit. */
  value: string;
  baseline?: string;
  /** Measured / baseline, as a multiple (throughput) or share (time). */
  ratio?: string;
  target?: string;
  pass?: boolean;
  runs: number;
  note?: string;
}

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|');
}

export function markdownTable(figures: readonly Figure[]): string {
  const head = '| area | figure | measured | baseline (same run) | ratio | target | result | runs |';
  const rule = '| --- | --- | ---: | --- | ---: | --- | --- | ---: |';
  const rows = figures.map(
    (f) =>
      `| ${cell(f.group)} | ${cell(f.name)} | ${cell(f.value)} | ${cell(f.baseline)} | ${cell(f.ratio)} | ${cell(
        f.target,
      )} | ${f.pass === undefined ? '' : f.pass ? 'pass' : '**FAIL**'} | ${f.runs} |`,
  );
  return [head, rule, ...rows].join('\n');
}

/** A plain-text table for the terminal. */
export function textTable(figures: readonly Figure[]): string {
  const rows = [
    ['area', 'figure', 'measured', 'baseline', 'ratio', 'target', 'result', 'runs'],
    ...figures.map((f) => [
      f.group,
      f.name,
      f.value,
      f.baseline ?? '',
      f.ratio ?? '',
      f.target ?? '',
      f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL',
      String(f.runs),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}

export const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
export const END = '<!-- bench:end -->';

/** Replaces the generated part of the document and keeps the hand-written analysis around it. */
export async function writeDocument(path: string, generated: string): Promise<void> {
  let before = '# Benchmarks\n\n';
  let after = '\n';
  try {
    const existing = await readFile(path, 'utf8');
    const start = existing.indexOf(BEGIN);
    const end = existing.indexOf(END);
    if (start >= 0 && end > start) {
      before = existing.slice(0, start);
      after = existing.slice(end + END.length);
    } else {
      before = `${existing.trimEnd()}\n\n`;
    }
  } catch {
    // first run: the document is created
  }
  await writeFile(path, `${before}${BEGIN}\n\n${generated.trim()}\n\n${END}${after}`);
}
