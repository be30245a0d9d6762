import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '@switchyard/api-client';
import { ChartCard } from './ChartCard';

const chart = <div data-testid="chart">the chart</div>;

describe('ChartCard', () => {
  it('shows a loading state and no chart while loading', () => {
    render(<ChartCard title="Daily spend" loading>{chart}</ChartCard>);
    expect(screen.getByRole('status')).toHaveTextContent('Loading daily spend…');
    expect(screen.queryByTestId('chart')).not.toBeInTheDocument();
  });

  it('shows what went wrong with a retry that calls back', async () => {
    const onRetry = jest.fn();
    render(
      <ChartCard title="Daily spend" loading={false} error={new ApiError(503, 'database unavailable')} onRetry={onRetry}>
        {chart}
      </ChartCard>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The control plane hit an error');
    expect(alert).toHaveTextContent('database unavailable. Try again in a moment.');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('chart')).not.toBeInTheDocument();
  });

  it('says when there is nothing to draw', () => {
    render(<ChartCard title="Daily spend" loading={false} empty emptyMessage="No requests in this range yet.">{chart}</ChartCard>);
    expect(screen.getByText('No requests in this range yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('chart')).not.toBeInTheDocument();
  });

  it('draws the chart under its title once data is there', () => {
    render(<ChartCard title="Daily spend" description="Cost per day" loading={false}>{chart}</ChartCard>);
    expect(screen.getByRole('region', { name: 'Daily spend' })).toContainElement(screen.getByTestId('chart'));
    expect(screen.getByRole('heading', { name: 'Daily spend' })).toBeInTheDocument();
  });
});
