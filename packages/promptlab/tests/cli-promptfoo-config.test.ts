import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/errors.js';
import { parseCsv } from '../src/cli/test/csv.js';
import { csvTests, loadPromptfooConfig } from '../src/cli/test/promptfoo-config.js';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'promptlab-cli-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('promptfoo config file references', () => {
  it('inlines prompts, globbed prompts, CSV and YAML tests, var files, defaultTest and JavaScript assertion files', async () => {
    const dir = await project({
      'prompts/a.txt': 'Translate {{text}} to French.',
      'prompts/b.txt': 'Say {{text}} in French, politely.',
      'chat.json': '[{"role":"system","content":"Be terse"},{"role":"user","content":"{{text}}"}]',
      'cases.csv': 'text,__expected,__description,__metadata:area\nhello,contains: Bonjour,greeting,basics\n"thanks, friend","icontains: merci",thanks,basics\n',
      'more.yaml': '- vars: { text: file://long.txt }\n  assert: [{ type: javascript, value: file://check.js }]\n',
      'long.txt': 'a long text',
      'check.js': 'return output.length > 0;',
      'default.yaml': 'assert:\n  - type: not-contains\n    value: sorry\n',
    });
    const config = await loadPromptfooConfig(
      [
        'description: French',
        'prompts:',
        '  - file://prompts/*.txt',
        '  - id: file://chat.json',
        '    label: chat',
        '  - "Inline {{text}}"',
        'providers: [openai:gpt-4o-mini]',
        'defaultTest: file://default.yaml',
        'tests:',
        '  - file://cases.csv',
        '  - file://more.yaml',
        '  - vars: { text: inline }',
      ].join('\n'),
      path.join(dir, 'promptfooconfig.yaml'),
    );
    expect(config.prompts).toEqual([
      { raw: 'Translate {{text}} to French.', label: 'a.txt' },
      { raw: 'Say {{text}} in French, politely.', label: 'b.txt' },
      { raw: '[{"role":"system","content":"Be terse"},{"role":"user","content":"{{text}}"}]', label: 'chat' },
      'Inline {{text}}',
    ]);
    expect(config.defaultTest).toEqual({ assert: [{ type: 'not-contains', value: 'sorry' }] });
    expect(config.tests).toEqual([
      { description: 'greeting', vars: { text: 'hello' }, assert: [{ type: 'contains', value: 'Bonjour' }], metadata: { area: 'basics' } },
      { description: 'thanks', vars: { text: 'thanks, friend' }, assert: [{ type: 'icontains', value: 'merci' }], metadata: { area: 'basics' } },
      { vars: { text: 'a long text' }, assert: [{ type: 'javascript', value: 'return output.length > 0;' }] },
      { vars: { text: 'inline' } },
    ]);
    expect(config.providers).toEqual(['openai:gpt-4o-mini']);
  });

  it('names the field whose file is missing', async () => {
    const dir = await project({});
    const error = await loadPromptfooConfig('prompts: [hi]\ntests:\n  - vars: { a: file://nope.txt }\n', path.join(dir, 'c.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain('tests.0.vars.a');
    expect((error as CliError).options.fields?.[0]?.path).toBe('tests.0.vars.a');
    await expect(loadPromptfooConfig('prompts: [file://none/*.txt]\n', path.join(dir, 'c.yaml'))).rejects.toThrow(/matches no file/);
    await expect(loadPromptfooConfig('- just a list', path.join(dir, 'c.yaml'))).rejects.toThrow(/must be a mapping/);
    await expect(loadPromptfooConfig('prompts: [a\n', path.join(dir, 'c.yaml'))).rejects.toThrow(/not valid YAML/);
  });

  it('keeps file:// references inside the config folder unless allowed, symlinks included', async () => {
    const outside = await project({ 'secret.txt': 'TOKEN=hunter2' });
    const dir = await project({ 'sub/ok.txt': 'fine' });
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
    const config = path.join(dir, 'c.yaml');
    for (const ref of ['../' + path.basename(outside) + '/secret.txt', path.join(outside, 'secret.txt'), 'link.txt']) {
      const error = await loadPromptfooConfig(`prompts: [hi]\ntests:\n  - vars: { a: "file://${ref}" }\n`, config).catch((e: unknown) => e);
      expect(error, ref).toBeInstanceOf(CliError);
      expect((error as CliError).message).toContain("outside the config's folder");
      expect((error as CliError).options.fields?.[0]?.path).toBe('tests.0.vars.a');
    }
    await expect(loadPromptfooConfig('prompts: [file://../*/secret.txt]\n', config)).rejects.toThrow(/matches no file|outside/);
    const inside = await loadPromptfooConfig('prompts: [hi]\ntests:\n  - vars: { a: file://sub/ok.txt }\n', config);
    expect(inside.tests).toEqual([{ vars: { a: 'fine' } }]);
    const allowed = await loadPromptfooConfig(`prompts: [hi]\ntests:\n  - vars: { a: "file://${path.join(outside, 'secret.txt')}" }\n`, config, { allowOutsideFiles: true });
    expect(allowed.tests).toEqual([{ vars: { a: 'TOKEN=hunter2' } }]);
  });

  it('reads CSV __expected as promptfoo does: a plain value is equals, a prefix names the assertion', () => {
    const tests = csvTests('q,__expected1,__expected2\nx,Paris,not-contains: London\ny,"llm-rubric: is polite",grader: mentions Rome\nz,similar(0.8): Hello,\n', 'c.csv');
    expect(tests.map((t) => t.assert)).toEqual([
      [{ type: 'equals', value: 'Paris' }, { type: 'not-contains', value: 'London' }],
      [{ type: 'llm-rubric', value: 'is polite' }, { type: 'llm-rubric', value: 'mentions Rome' }],
      [{ type: 'similar', value: 'Hello', threshold: 0.8 }],
    ]);
    expect(() => csvTests('', 'empty.csv')).toThrow(/header row/);
  });

  it('parses quoted CSV fields, escaped quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","multi\nline"\r\n\r\nlast,\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'multi\nline'],
      ['last', ''],
    ]);
  });
});
