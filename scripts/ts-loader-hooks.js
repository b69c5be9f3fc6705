// Module hooks for scripts/ts-loader.js: `.js` specifiers of the sources resolve to their `.ts` files, and `.ts`
// files are compiled with SWC using the project's .swcrc options (the same as the tests').
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const options = JSON.parse(readFileSync(new URL('../.swcrc', import.meta.url), 'utf8'));
delete options.$schema;

export async function resolve(specifier, context, next) {
  if (
    context.parentURL?.endsWith('.ts') &&
    (specifier.startsWith('./') || specifier.startsWith('../')) &&
    specifier.endsWith('.js')
  ) {
    const asTs = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (!existsSync(new URL(specifier, context.parentURL)) && existsSync(asTs)) {
      return { url: asTs.href, shortCircuit: true, format: 'module' };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) {
    return next(url, context);
  }
  const path = fileURLToPath(url);
  const { code } = await swc.transform(readFileSync(path, 'utf8'), { ...options, filename: path });
  return { format: 'module', source: code, shortCircuit: true };
}
