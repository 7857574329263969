import { describe, expect, it } from 'vitest';
import { planFile } from '../src/cli/commands/push.js';
import { CliError } from '../src/cli/errors.js';
import { formatPromptFile, parsePromptFile, promptToFile, sameContent, updateFileAfterPush, type ServerPrompt, type ServerVersion } from '../src/cli/prompt-file.js';

const simple: ServerVersion = {
  versionNumber: 3,
  systemPrompt: 'You are a support agent.\nBe brief.',
  userPrompt: 'Answer about {{topic}}.',
  messages: [
    { role: 'system', content: 'You are a support agent.\nBe brief.' },
    { role: 'user', content: 'Answer about {{topic}}.' },
  ],
  format: 'simple',
  variables: [{ name: 'topic', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2 },
};
const chat: ServerVersion = {
  ...simple,
  format: 'chat',
  messages: [
    { role: 'system', content: 'Sys' },
    { role: 'user', content: 'Hi {{name}}' },
    { role: 'assistant', content: 'Hello' },
    { role: 'user', content: 'Again' },
  ],
};
const server = (version: ServerVersion | null, extra: Partial<ServerPrompt> = {}): ServerPrompt => ({
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'support-reply',
  title: 'Support reply',
  description: 'Answers tickets',
  tags: ['support'],
  currentVersion: version,
  ...extra,
});

const roundTrip = (prompt: ServerPrompt) => parsePromptFile(formatPromptFile(promptToFile(prompt)), 'x.prompt.yaml').file;

describe('prompt files', () => {
  it('writes a simple version with block scalars, labels as read-only info, and reads back the same content', () => {
    const text = formatPromptFile(promptToFile(server(simple), [
      { name: 'latest', targets: [{ versionNumber: 3, weight: 100 }], virtual: true },
      { name: 'production', targets: [{ versionNumber: 2, weight: 100 }] },
      { name: 'canary', targets: [{ versionNumber: 2, weight: 90 }, { versionNumber: 3, weight: 10 }] },
    ]));
    expect(text).toContain('systemPrompt: |-\n  You are a support agent.\n  Be brief.');
    expect(text).toContain('labels:\n  production: 2\n  canary: 2:90, 3:10');
    expect(text).not.toContain('latest');
    const file = parsePromptFile(text, 'x').file;
    expect(file).toMatchObject({ slug: 'support-reply', title: 'Support reply', version: 3, tags: ['support'] });
    expect(file.messages).toBeUndefined();
    expect(sameContent(file, simple)).toBe(true);
  });

  it('keeps a chat version as messages and sees it unchanged', () => {
    const file = roundTrip(server(chat));
    expect(file.messages).toHaveLength(4);
    expect(file.userPrompt).toBeUndefined();
    expect(sameContent(file, chat)).toBe(true);
  });

  it('sees a change in a template, a variable, the model or the format', () => {
    const file = roundTrip(server(simple));
    expect(sameContent({ ...file, userPrompt: 'Answer about {{topic}}!' }, simple)).toBe(false);
    expect(sameContent({ ...file, variables: [{ name: 'topic', type: 'number' }] }, simple)).toBe(false);
    expect(sameContent({ ...file, model: { ...file.model!, temperature: 0.3 } }, simple)).toBe(false);
    expect(sameContent({ ...file, systemPrompt: undefined, userPrompt: undefined, messages: simple.messages }, simple)).toBe(false);
    // Defaults the server fills in are not differences; left-out fields carry over.
    expect(sameContent({ ...file, variables: [{ name: 'topic' }] }, simple)).toBe(true);
    expect(sameContent({ ...file, model: undefined, variables: undefined }, simple)).toBe(true);
  });

  it('names every wrong field', () => {
    const bad = 'slug: Bad Slug\ntitle: ""\nmesages: []\nversion: -1\nmessages:\n  - role: robot\n    content: x\nuserPrompt: y\n';
    try {
      parsePromptFile(bad, 'bad.prompt.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      const paths = (error as CliError).options.fields?.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['slug', 'title', 'mesages', 'version', 'messages', 'messages.0.role']));
    }
    expect(() => parsePromptFile('slug: a\n  b: [', 'y')).toThrow(/not valid YAML/);
    expect(() => parsePromptFile('slug: a\nslug: b\n', 'y')).toThrow(/not valid YAML/);
  });

  it('updates the version after a push and keeps the comments', () => {
    const text = `# my notes\n${formatPromptFile(promptToFile(server(simple)))}`.replace('userPrompt:', '# edited\nuserPrompt:');
    const { document } = parsePromptFile(text, 'x');
    const updated = updateFileAfterPush(document, { ...simple, versionNumber: 4 });
    expect(updated).toContain('# my notes');
    expect(updated).toContain('# edited');
    expect(parsePromptFile(updated, 'x').file.version).toBe(4);
  });
});

describe('push plan', () => {
  const plan = (fileText: string, prompt: ServerPrompt | null, force = false) => {
    const { file, document } = parsePromptFile(fileText, 'x');
    return planFile({ fileName: 'prompts/support-reply.prompt.yaml', file, document, server: prompt }, force);
  };
  const pulled = formatPromptFile(promptToFile(server(simple)));

  it('creates a missing prompt, leaves an unchanged one alone, saves an edited one', () => {
    expect(plan(pulled, null).action).toBe('create');
    expect(plan(pulled, server(simple))).toMatchObject({ action: 'unchanged', metadata: null });
    expect(plan(pulled.replace('Answer about', 'Reply about'), server(simple)).action).toBe('version');
  });

  it('updates metadata without a version', () => {
    expect(plan(pulled.replace('title: Support reply', 'title: Support answer'), server(simple))).toMatchObject({ action: 'unchanged', metadata: { title: 'Support answer' } });
  });

  it('refuses an edit made on an older version than the server has, unless forced', () => {
    const newer = server({ ...simple, versionNumber: 5, userPrompt: 'Newer {{topic}}', messages: [simple.messages[0]!, { role: 'user', content: 'Newer {{topic}}' }] });
    const edited = pulled.replace('Answer about', 'Reply about');
    const refused = plan(edited, newer);
    expect(refused.action).toBe('conflict');
    expect(refused.reason).toContain('version 5');
    expect(refused.reason).toContain('version 3');
    expect(plan(edited, newer, true).action).toBe('version');
    // The same content as the newer latest is nothing to refuse.
    expect(plan(formatPromptFile(promptToFile(newer)), newer).action).toBe('unchanged');
  });
});
