import type { CreatedApiKey } from '@switchyard/contracts';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';

/** The only time a key is ever visible: copy it now. */
export function CreatedKeyNotice({ created, name, onDone }: { created: CreatedApiKey; name: string; onDone(): void }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): the key stays selectable.
      setCopied('failed');
    }
  };
  return (
    <div className="notice notice-success stack-sm" role="status" style={{ margin: '0 16px 16px' }}>
      <strong>Key “{name}” created. Copy it now: it is not shown again.</strong>
      <div className="row">
        <code className="input" style={{ display: 'inline-flex', alignItems: 'center', userSelect: 'all', flex: '1 1 320px', color: 'var(--text)' }} aria-label="New API key">
          {created.key}
        </code>
        <Button onClick={() => void copy()}>{copied === 'yes' ? 'Copied' : 'Copy'}</Button>
        <Button variant="ghost" onClick={onDone}>Done</Button>
      </div>
      {copied === 'failed' && <span className="field-error">The browser refused clipboard access; select the key and copy it by hand.</span>}
    </div>
  );
}
