import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { QueryView } from '../../../components/ui/states';
import { useModels, useProviders } from '../hooks/use-catalog';
import { AddModelForm } from './AddModelForm';
import { ModelsTable } from './ModelsTable';

export function ModelsCard({ canWrite }: { canWrite: boolean }) {
  const models = useModels();
  const providers = useProviders();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title="Models"
      description="Prices in USD per million tokens. A new price applies from its date; past costs keep the price they had."
      flush
      actions={canWrite && !adding ? <Button onClick={() => setAdding(true)} disabled={!providers.data?.length}>Add model</Button> : undefined}
    >
      {adding && providers.data && <AddModelForm providers={providers.data} onDone={() => setAdding(false)} />}
      <QueryView query={models} isEmpty={(l) => l.length === 0} empty="No models in the catalog yet." height={160}>
        {(list) => <ModelsTable models={list} canWrite={canWrite} />}
      </QueryView>
    </Card>
  );
}
