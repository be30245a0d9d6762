import { useState } from 'react';
import { useCan } from '../app/auth/auth-context';
import { PageHeader } from '../components/ui/PageHeader';
import { ImportPairsCard } from '../features/review/components/ImportPairsCard';
import { ReviewResultsCard } from '../features/review/components/ReviewResultsCard';
import { ReviewSession } from '../features/review/components/ReviewSession';

/** Blind review: reviewers judge; admins judge, see results and import; finance sees results. */
export default function ReviewPage() {
  const canJudge = useCan('reviews:judge');
  const canSeeResults = useCan('reviews:results');
  const canImport = useCan('reviews:import');
  const [tab, setTab] = useState<'judge' | 'results'>(canJudge ? 'judge' : 'results');
  const both = canJudge && canSeeResults;
  return (
    <div className="page">
      <PageHeader title="Review" description="Blind comparison of answers from two models for the same prompt. Sides are shuffled for every reviewer and never labelled." />
      {both && (
        <div className="tabs" role="tablist" aria-label="Review views">
          <button type="button" role="tab" aria-selected={tab === 'judge'} onClick={() => setTab('judge')}>
            Judge
          </button>
          <button type="button" role="tab" aria-selected={tab === 'results'} onClick={() => setTab('results')}>
            Results
          </button>
        </div>
      )}
      {canJudge && tab === 'judge' && <ReviewSession />}
      {canSeeResults && tab === 'results' && (
        <>
          <ReviewResultsCard />
          {canImport && <ImportPairsCard />}
        </>
      )}
    </div>
  );
}
