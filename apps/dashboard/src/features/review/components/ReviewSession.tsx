import type { NextReviewResponse, ReviewChoice } from '@switchyard/contracts';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ProgressBar } from '../../../components/ui/ProgressBar';
import { EmptyState, ErrorState, QueryView } from '../../../components/ui/states';
import { useJudge, useNextReview } from '../hooks/use-review';
import { PromptView } from './PromptView';
import '../review.css';

/** Keys that judge: 1 prefers A, 2 prefers B, 0 says neither. */
const SHORTCUTS: Record<string, ReviewChoice> = { '1': 'a', '2': 'b', '0': 'none' };

/**
 * Blind review, one pair at a time: the prompt, then two unlabelled answers A and B.
 * Which model wrote which is never sent to the browser; the server drew the sides.
 * Keyboard: 1 / 2 / 0 to judge, n to write a note (Esc leaves the note).
 */
export function ReviewSession() {
  const next = useNextReview();
  return (
    <QueryView query={next} height={320}>
      {(data) => <PairJudging data={data} />}
    </QueryView>
  );
}

function PairJudging({ data }: { data: NextReviewResponse }) {
  const judge = useJudge();
  const [note, setNote] = useState('');
  const [noteOpen, setNoteOpen] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const item = data.item;
  const { judged, remaining } = data.progress;
  const total = judged + remaining;

  // A new pair starts with an empty, closed note.
  useEffect(() => {
    setNote('');
    setNoteOpen(false);
  }, [item?.pairId]);

  const submit = (choice: ReviewChoice) => {
    if (!item || judge.isPending) return;
    judge.mutate({ pairId: item.pairId, choice, note: note.trim() || undefined });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const choice = SHORTCUTS[e.key];
      if (choice) {
        e.preventDefault();
        submit(choice);
      } else if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        setNoteOpen(true);
        setTimeout(() => noteRef.current?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const progress = (
    <div className="review-progress">
      <span>
        {judged} judged · {remaining} left
      </span>
      <ProgressBar percent={total ? (judged / total) * 100 : 100} label="Review progress" />
    </div>
  );

  if (!item) {
    return (
      <Card>
        {progress}
        <EmptyState height={200}>
          <strong>Nothing left to review.</strong>
          <span>Every pair has your judgement. New pairs appear as traffic is sampled.</span>
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card className="review-card">
      {progress}
      <PromptView messages={item.prompt} />
      <div className="review-sides">
        <Answer label="A" text={item.a} />
        <Answer label="B" text={item.b} />
      </div>
      {noteOpen && (
        <div className="field">
          <label htmlFor="review-note">Note (optional)</label>
          <textarea
            id="review-note"
            ref={noteRef}
            className="textarea"
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
            }}
          />
        </div>
      )}
      {judge.isError && <ErrorState error={judge.error} height={80} />}
      <div className="review-actions" role="group" aria-label="Your judgement">
        <Button variant="primary" onClick={() => submit('a')} disabled={judge.isPending} aria-keyshortcuts="1">
          Prefer A <kbd>1</kbd>
        </Button>
        <Button onClick={() => submit('none')} disabled={judge.isPending} aria-keyshortcuts="0">
          No preference <kbd>0</kbd>
        </Button>
        <Button variant="primary" onClick={() => submit('b')} disabled={judge.isPending} aria-keyshortcuts="2">
          Prefer B <kbd>2</kbd>
        </Button>
        {!noteOpen && (
          <Button variant="ghost" onClick={() => setNoteOpen(true)} aria-keyshortcuts="n">
            Add note <kbd>n</kbd>
          </Button>
        )}
      </div>
    </Card>
  );
}

function Answer({ label, text }: { label: 'A' | 'B'; text: string }) {
  return (
    <section className="review-answer" aria-label={`Answer ${label}`}>
      <h3>{label}</h3>
      <div className="review-text">{text || <span className="faint">(empty answer)</span>}</div>
    </section>
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}
