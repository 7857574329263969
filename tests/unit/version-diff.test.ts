import { describe, it, expect } from 'vitest';
import {
  diffModel,
  diffText,
  diffVariables,
  diffVersions,
  splitLines,
  toSideBySide,
  type DiffLine,
  type VersionContent,
} from '@/lib/diff/version-diff';
import type { VariableDef } from '@/lib/templates';

const same = (text: string, oldLine: number, newLine: number): DiffLine => ({ kind: 'same', text, oldLine, newLine });
const removed = (text: string, oldLine: number): DiffLine => ({ kind: 'removed', text, oldLine, newLine: null });
const added = (text: string, newLine: number): DiffLine => ({ kind: 'added', text, oldLine: null, newLine });

const version = (over: Partial<VersionContent> = {}): VersionContent => ({
  systemPrompt: 'You are helpful.',
  userPrompt: 'Write about {{ topic }}.',
  variables: [{ name: 'topic', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o', temperature: 0.7, stop: ['\n\n'] },
  ...over,
});

describe('splitLines', () => {
  it('splits on LF and CRLF, empty string has no lines', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a')).toEqual(['a']);
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
    expect(splitLines('a\n')).toEqual(['a', '']);
  });
});

describe('diffText', () => {
  it('numbers lines on both sides', () => {
    const diff = diffText('one\ntwo\nthree\nfour', 'one\n2\nthree\nfour\nfive');
    expect(diff).toEqual({
      lines: [
        same('one', 1, 1),
        removed('two', 2),
        added('2', 2),
        same('three', 3, 3),
        same('four', 4, 4),
        added('five', 5),
      ],
      added: 2,
      removed: 1,
    });
  });

  it('shifts new line numbers after an insertion', () => {
    const diff = diffText('a\nb\nc', 'new\na\nb\nc');
    expect(diff.lines).toEqual([added('new', 1), same('a', 1, 2), same('b', 2, 3), same('c', 3, 4)]);
  });

  it('handles empty sides', () => {
    expect(diffText('', '')).toEqual({ lines: [], added: 0, removed: 0 });
    expect(diffText('', 'x\ny')).toEqual({ lines: [added('x', 1), added('y', 2)], added: 2, removed: 0 });
    expect(diffText('x', '')).toEqual({ lines: [removed('x', 1)], added: 0, removed: 1 });
  });

  it('ignores CRLF vs LF but not a trailing newline', () => {
    expect(diffText('a\r\nb', 'a\nb')).toEqual({ lines: [same('a', 1, 1), same('b', 2, 2)], added: 0, removed: 0 });
    expect(diffText('a', 'a\n')).toEqual({ lines: [same('a', 1, 1), added('', 2)], added: 1, removed: 0 });
  });

  it('keeps unicode lines intact', () => {
    expect(diffText('héllo 👋\n日本', 'héllo 👋\n日本語')).toEqual({
      lines: [same('héllo 👋', 1, 1), removed('日本', 2), added('日本語', 2)],
      added: 1,
      removed: 1,
    });
  });

  it('falls back to replacing the middle for huge rewrites, keeping prefix and suffix', () => {
    const n = 2000;
    const oldText = ['head', ...Array.from({ length: n }, (_, i) => `old ${i}`), 'tail'].join('\n');
    const newText = ['head', ...Array.from({ length: n }, (_, i) => `new ${i}`), 'tail'].join('\n');
    const diff = diffText(oldText, newText);
    expect(diff.added).toBe(n);
    expect(diff.removed).toBe(n);
    expect(diff.lines).toHaveLength(2 * n + 2);
    expect(diff.lines[0]).toEqual(same('head', 1, 1));
    expect(diff.lines[1]).toEqual(removed('old 0', 2));
    expect(diff.lines[n + 1]).toEqual(added('new 0', 2));
    expect(diff.lines.at(-1)).toEqual(same('tail', n + 2, n + 2));
  });
});

describe('toSideBySide', () => {
  it('pairs removed and added runs row by row and pads the shorter side', () => {
    const diff = diffText('a\nb\nc\nd', 'a\nB\nC\nX\nd');
    expect(toSideBySide(diff)).toEqual([
      { left: same('a', 1, 1), right: same('a', 1, 1) },
      { left: removed('b', 2), right: added('B', 2) },
      { left: removed('c', 3), right: added('C', 3) },
      { left: null, right: added('X', 4) },
      { left: same('d', 4, 5), right: same('d', 4, 5) },
    ]);
  });

  it('pads the right side when more lines were removed', () => {
    expect(toSideBySide(diffText('x\ny\nz', 'q'))).toEqual([
      { left: removed('x', 1), right: added('q', 1) },
      { left: removed('y', 2), right: null },
      { left: removed('z', 3), right: null },
    ]);
  });

  it('pairs interleaved runs within one change block', () => {
    const rows = toSideBySide({
      lines: [removed('a', 1), added('A', 1), removed('b', 2), added('B', 2)],
      added: 2,
      removed: 2,
    });
    expect(rows).toEqual([
      { left: removed('a', 1), right: added('A', 1) },
      { left: removed('b', 2), right: added('B', 2) },
    ]);
  });

  it('returns no rows for an empty diff', () => {
    expect(toSideBySide(diffText('', ''))).toEqual([]);
  });
});

describe('diffModel', () => {
  it('lists changed, added and removed keys sorted by name', () => {
    const changes = diffModel(
      { model: 'gpt-4o', temperature: 0.7, stop: ['a', 'b'], top_p: 1 },
      { model: 'gpt-4o', temperature: 0.2, stop: ['a', 'c'], max_tokens: 512 },
    );
    expect(changes).toEqual([
      { field: 'max_tokens', from: undefined, to: 512 },
      { field: 'stop', from: ['a', 'b'], to: ['a', 'c'] },
      { field: 'temperature', from: 0.7, to: 0.2 },
      { field: 'top_p', from: 1, to: undefined },
    ]);
  });

  it('compares arrays and nested objects by value, ignoring key order', () => {
    expect(
      diffModel(
        { stop: ['x', 'y'], extra: { a: 1, b: [1, { c: 2 }] } },
        { extra: { b: [1, { c: 2 }], a: 1 }, stop: ['x', 'y'] },
      ),
    ).toEqual([]);
    expect(diffModel({ stop: ['x', 'y'] }, { stop: ['y', 'x'] })).toEqual([
      { field: 'stop', from: ['x', 'y'], to: ['y', 'x'] },
    ]);
    expect(diffModel({ stop: [] }, { stop: {} })).toEqual([{ field: 'stop', from: [], to: {} }]);
  });

  it('distinguishes null from absent but treats undefined as absent', () => {
    expect(diffModel({ seed: null }, {})).toEqual([{ field: 'seed', from: null, to: undefined }]);
    expect(diffModel({ seed: undefined }, {})).toEqual([]);
  });

  it('does not confuse prototype keys', () => {
    const from = JSON.parse('{"constructor": 1}') as Record<string, unknown>;
    expect(diffModel(from, {})).toEqual([{ field: 'constructor', from: 1, to: undefined }]);
    expect(diffModel({}, { toString: 'x' })).toEqual([{ field: 'toString', from: undefined, to: 'x' }]);
  });
});

describe('diffVariables', () => {
  const topic: VariableDef = { name: 'topic', type: 'string', required: true };
  const tone: VariableDef = { name: 'tone', type: 'string', required: false, default: 'calm' };
  const count: VariableDef = { name: 'count', type: 'number', required: true };

  it('finds added, removed and changed variables by name', () => {
    const toneChanged: VariableDef = { ...tone, default: 'witty' };
    expect(diffVariables([topic, tone, count], [toneChanged, topic, { name: 'lang', type: 'string', required: true }])).toEqual({
      added: [{ name: 'lang', type: 'string', required: true }],
      removed: [count],
      changed: [{ name: 'tone', from: tone, to: toneChanged }],
    });
  });

  it('ignores reordering and undefined optional fields', () => {
    expect(diffVariables([topic, tone], [tone, { ...topic, description: undefined }])).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('detects json default changes by value', () => {
    const a: VariableDef = { name: 'j', type: 'json', required: true, default: { x: [1] } };
    const b: VariableDef = { name: 'j', type: 'json', required: true, default: { x: [2] } };
    expect(diffVariables([a], [b]).changed).toEqual([{ name: 'j', from: a, to: b }]);
    expect(diffVariables([a], [{ ...a, default: { x: [1] } }]).changed).toEqual([]);
  });
});

describe('diffVersions', () => {
  it('reports identical versions (notes are ignored)', () => {
    const result = diffVersions(version({ notes: 'first' }), version({ notes: 'second' }));
    expect(result.identical).toBe(true);
    expect(result.model).toEqual([]);
    expect(result.variables).toEqual({ added: [], removed: [], changed: [] });
    expect(result.systemPrompt).toEqual({ lines: [same('You are helpful.', 1, 1)], added: 0, removed: 0 });
  });

  it('combines prompt, model and variable changes', () => {
    const to = version({
      userPrompt: 'Write about {{ topic }}.\nUse a {{ tone }} tone.',
      variables: [
        { name: 'topic', type: 'string', required: true },
        { name: 'tone', type: 'string', required: false },
      ],
      model: { provider: 'openai', model: 'gpt-4o', temperature: 0.7, stop: ['\n\n', 'END'] },
    });
    const result = diffVersions(version(), to);
    expect(result.identical).toBe(false);
    expect(result.systemPrompt.added + result.systemPrompt.removed).toBe(0);
    expect(result.userPrompt).toEqual({
      lines: [same('Write about {{ topic }}.', 1, 1), added('Use a {{ tone }} tone.', 2)],
      added: 1,
      removed: 0,
    });
    expect(result.model).toEqual([{ field: 'stop', from: ['\n\n'], to: ['\n\n', 'END'] }]);
    expect(result.variables.added).toEqual([{ name: 'tone', type: 'string', required: false }]);
  });

  it('is not identical when only the model changes', () => {
    const result = diffVersions(version(), version({ model: { provider: 'openai', model: 'gpt-4o', temperature: 1, stop: ['\n\n'] } }));
    expect(result.identical).toBe(false);
    expect(result.model).toEqual([{ field: 'temperature', from: 0.7, to: 1 }]);
  });

  it('is not identical when only a variable changes', () => {
    const result = diffVersions(version(), version({ variables: [{ name: 'topic', type: 'string', required: false }] }));
    expect(result.identical).toBe(false);
    expect(result.variables.changed).toHaveLength(1);
  });
});
