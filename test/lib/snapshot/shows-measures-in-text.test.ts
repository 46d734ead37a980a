// A Text object's (sn-text) measures stand in its text by cId and show as values (docs/property-shapes.md).
import { describe, expect, it } from 'vitest';
import { showsMeasuresInText } from '../../../lib/snapshot/property-shapes';

const tree = (...children: unknown[]) => JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children }] } });

describe('showsMeasuresInText', () => {
  it('is true for a text tree that places a measure as a qlik.expression.node', () => {
    expect(showsMeasuresInText({ text: tree({ type: 'text', text: 'Share: ' }, { type: 'qlik.expression.node', expressionId: 'GrfwHqp', version: 1 }) })).toBe(true);
  });

  it('is false for plain text, text that only mentions the node type, malformed JSON, or no text', () => {
    expect(showsMeasuresInText({ text: tree({ type: 'text', text: 'Sales' }) })).toBe(false);
    expect(showsMeasuresInText({ text: tree({ type: 'text', text: 'qlik.expression.node' }) })).toBe(false);
    expect(showsMeasuresInText({ text: '{"type":"qlik.expression.node"' })).toBe(false);
    expect(showsMeasuresInText({ text: 42 })).toBe(false);
    expect(showsMeasuresInText({})).toBe(false);
  });
});
