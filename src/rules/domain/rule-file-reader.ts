import { isNode, type Document, type LineCounter } from 'yaml';
import type { RuleSetIssue } from './rule-set-validation-error.js';
import { didYouMean } from './text-matching.js';

// Small typed readers over the plain values of a parsed YAML document. Each reader knows where it is
// (file, path, indicator) so every problem is reported with the file, line, indicator and field, and
// reading goes on after a problem so that all problems are reported at once.

export type PathSegment = string | number;

export class RuleFileContext {
  constructor(
    readonly file: string,
    private readonly doc?: Document,
    private readonly lineCounter?: LineCounter,
  ) {}

  lineOf(path: PathSegment[]): number | undefined {
    if (!this.doc || !this.lineCounter) {
      return undefined;
    }
    // A missing key has no node: fall back to the nearest parent that has one.
    for (let length = path.length; length >= 0; length--) {
      const node: unknown = this.doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) {
        return this.lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  }
}

export function formatPath(path: PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  );
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  switch (typeof value) {
    case 'object':
      return 'a mapping';
    case 'string':
      return `text "${value}"`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${value}`;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return typeof value;
  }
  return 'a value';
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class RuleReader {
  constructor(
    private readonly context: RuleFileContext,
    private readonly issues: RuleSetIssue[],
    readonly path: PathSegment[] = [],
    private readonly base: PathSegment[] = [],
    readonly indicatorId?: string,
  ) {}

  get file(): string {
    return this.context.file;
  }

  at(...segments: PathSegment[]): RuleReader {
    return new RuleReader(
      this.context,
      this.issues,
      [...this.path, ...segments],
      this.base,
      this.indicatorId,
    );
  }

  /** Issues below this point name the indicator and give fields relative to it. */
  forIndicator(id: string | undefined): RuleReader {
    return new RuleReader(this.context, this.issues, this.path, this.path, id);
  }

  report(message: string, ...segments: PathSegment[]): void {
    const path = [...this.path, ...segments];
    const field = formatPath(path.slice(this.base.length));
    this.issues.push({
      file: this.context.file,
      line: this.context.lineOf(path),
      ...(this.indicatorId === undefined ? {} : { indicatorId: this.indicatorId }),
      ...(field === '' ? {} : { field }),
      message,
    });
  }

  /** A mapping with only the allowed keys and all the required ones. */
  mapping(
    value: unknown,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): Record<string, unknown> | undefined {
    if (!isMapping(value)) {
      this.report(`expected a mapping (key: value), found ${describeValue(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.report(`unknown key "${key}"${didYouMean(key, allowed)}`, key);
      }
    }
    for (const key of required) {
      if (value[key] === undefined || value[key] === null) {
        this.report(`"${key}" is required`, key);
      }
    }
    return value;
  }

  list(value: unknown, what: string, { nonEmpty = true } = {}): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.report(`expected a list of ${what}, found ${describeValue(value)}`);
      return undefined;
    }
    if (nonEmpty && value.length === 0) {
      this.report(`the list of ${what} is empty`);
      return undefined;
    }
    return value as unknown[];
  }

  text(value: unknown, hint = ''): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') {
      return value.trim();
    }
    this.report(`expected text${hint}, found ${describeValue(value)}`);
    return undefined;
  }

  optionalText(value: unknown): string | undefined {
    return value === undefined || value === null ? undefined : this.text(value);
  }

  textList(value: unknown, what: string, { nonEmpty = true } = {}): string[] | undefined {
    const items = this.list(value, what, { nonEmpty });
    if (!items) {
      return undefined;
    }
    const texts = items.map((item, index) => this.at(index).text(item));
    return texts.every((text): text is string => text !== undefined) ? texts : undefined;
  }

  number(value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
    this.report(`expected a number, found ${describeValue(value)}`);
    return undefined;
  }

  /** Points, caps and thresholds: 0..100 with at most two decimals, so sums stay exact. */
  points(value: unknown): number | undefined {
    const number = this.number(value);
    if (number === undefined) {
      return undefined;
    }
    if (number < 0 || number > 100) {
      this.report(`expected a number from 0 to 100, found ${number}`);
      return undefined;
    }
    if (Math.abs(Math.round(number * 100) - number * 100) > 1e-9) {
      this.report(`use at most two decimals, found ${number}`);
      return undefined;
    }
    return number;
  }

  boolean(value: unknown): boolean | undefined {
    if (typeof value === 'boolean') {
      return value;
    }
    this.report(`expected true or false, found ${describeValue(value)}`);
    return undefined;
  }
}
