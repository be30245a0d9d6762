import type { ReviewMessage } from '@switchyard/contracts';

/** The conversation both answers respond to, message by message. */
export function PromptView({ messages }: { messages: ReviewMessage[] }) {
  return (
    <section className="review-prompt" aria-label="Prompt">
      {messages.map((m, i) => (
        <div key={i} className="review-message">
          <span className="review-role">{m.role}</span>
          <div className="review-text">{m.content}</div>
        </div>
      ))}
    </section>
  );
}
