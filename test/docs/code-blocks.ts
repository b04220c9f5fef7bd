/** Finds fenced TypeScript code blocks in Markdown, with where they start. Pure, so it is tested on its own. */

export interface CodeBlock {
  /** 1-based line of the opening fence; the block's first line of code is `line + 1`. */
  line: number;
  /** The code, with the fence's own indentation removed (blocks inside list items). */
  code: string;
  /** A `<!-- ts-check: skip -->` line came right before the fence (blank lines between are allowed). */
  skip: boolean;
}

const SKIP_MARKER = /^\s*<!--\s*ts-check:\s*skip\s*-->\s*$/;
const OPENING = /^( {0,3})(`{3,}|~{3,})\s*([\w-]*)(.*)$/;
const TS_LANGUAGES = new Set(['ts', 'typescript', 'mts', 'cts']);

/**
 * Every ```ts (or ```typescript) block of a Markdown text, in order. Fences of ``` or ~~~, three or
 * more, closed by the same character at least as long; an unclosed block runs to the end.
 */
export function tsCodeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i] ?? '');
    if (open === null) continue;
    const [, indent = '', fence = '', language = ''] = open;
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !closing.test(lines[j] ?? ''); j++) {
      const text = lines[j] ?? '';
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    if (TS_LANGUAGES.has(language.toLowerCase())) {
      let k = i - 1;
      while (k >= 0 && (lines[k] ?? '').trim() === '') k--;
      blocks.push({ line: i + 1, code: body.join('\n'), skip: k >= 0 && SKIP_MARKER.test(lines[k] ?? '') });
    }
    i = j; // past the closing fence: nothing inside a block is read as a fence
  }
  return blocks;
}
