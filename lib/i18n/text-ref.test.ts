import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextRefSchema } from '../contracts/text-ref';
import { englishText, renderTextRef, textRef } from './text-ref';

test('renderTextRef() fills nested references and lists in the reader’s language', () => {
  const ref = textRef('drillText.stillOpen', {
    findings: [
      textRef('drillText.findingOn', {
        kind: 'link_down',
        severity: textRef('drillText.sev.critical'),
        node: '127.0.0.1:7002',
      }),
      textRef('drillText.finding', {
        kind: 'split_brain',
        severity: textRef('drillText.sev.warning'),
      }),
    ],
  });
  assert.equal(englishText(ref), 'open: link_down critical on 127.0.0.1:7002, split_brain warning');
  assert.equal(
    renderTextRef(ref, 'zh-CN'),
    '仍未关闭：127.0.0.1:7002 上的 link_down（严重）、split_brain（警告）',
  );
});

test('a key this page does not know (a newer server, a stored run) renders as null, so the UI shows `detail`', () => {
  const stored = TextRefSchema.parse({ key: 'drillText.renamedSince', params: { n: 1 } });
  assert.equal(renderTextRef(stored, 'zh-CN'), null);
  assert.equal(
    renderTextRef(textRef('drillText.detectedIn', { time: { key: 'nope' } }), 'en'),
    null,
  );
});
