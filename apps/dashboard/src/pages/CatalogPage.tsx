import { useCan } from '../app/auth/auth-context';
import { PageHeader } from '../components/ui/PageHeader';
import { ModelsCard } from '../features/catalog/components/ModelsCard';
import { ProvidersCard } from '../features/catalog/components/ProvidersCard';

export default function CatalogPage() {
  const canWrite = useCan('catalog:write');
  return (
    <div className="page">
      <PageHeader title="Catalog" description="Providers and the models routing may use, with their prices." />
      <ModelsCard canWrite={canWrite} />
      <ProvidersCard canWrite={canWrite} />
    </div>
  );
}
