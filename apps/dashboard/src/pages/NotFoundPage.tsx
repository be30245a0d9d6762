import { Link } from 'react-router';
import { EmptyState } from '../components/ui/states';

export default function NotFoundPage() {
  return (
    <EmptyState height={320}>
      <strong>No page here.</strong>
      <Link to="/">Go to the dashboard</Link>
    </EmptyState>
  );
}
