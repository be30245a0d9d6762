import { policyContent, SEED_POLICY } from '@switchyard/contracts';
import { render, screen, within } from '@testing-library/react';
import { setShadow } from '../lib/policy-edits';
import { LivePolicyView } from './LivePolicyView';

describe('the live policy, read-only', () => {
  it('says which buckets sample answers for blind review, how often and against what', () => {
    const policy = policyContent.parse(setShadow(setShadow(SEED_POLICY, 0, { rate: 0.005, model: 'openai/gpt-4o' }), 1, { rate: 0.02, model: null }));
    render(<LivePolicyView policy={policy} />);
    const card = (name: string) => screen.getByRole('list', { name: `Traffic split of ${name}` }).parentElement!;
    expect(within(card('bulk')).getByText('blind review 0.5% vs openai/gpt-4o')).toBeInTheDocument();
    expect(within(card('standard')).getByText('blind review 2% vs baseline')).toBeInTheDocument();
    expect(within(card('critical')).queryByText(/blind review/)).not.toBeInTheDocument();
  });
});
