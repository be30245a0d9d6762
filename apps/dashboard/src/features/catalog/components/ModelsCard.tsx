import type { CatalogModel } from '@switchyard/contracts';
import { Fragment, useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { QueryView, errorMessage } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { formatPrice } from '../../../lib/money';
import { useModels, useProviders, useUpdateModel } from '../hooks/use-catalog';
import { AddModelForm } from './AddModelForm';
import { EditPriceForm } from './EditPriceForm';

const count = new Intl.NumberFormat('en-US');

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

function ModelsTable({ models, canWrite }: { models: CatalogModel[]; canWrite: boolean }) {
  const [open, setOpen] = useState<{ id: string; what: 'history' | 'price' } | null>(null);
  const update = useUpdateModel();
  const toggle = (id: string, what: 'history' | 'price') => setOpen(open?.id === id && open.what === what ? null : { id, what });
  const columns = canWrite ? 9 : 8;
  return (
    <div className="table-wrap">
      {update.isError && <div className="notice notice-danger" role="alert" style={{ margin: '0 16px 8px' }}>{errorMessage(update.error)}</div>}
      <table className="table" aria-label="Models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Provider</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">Context</th>
            <th scope="col" className="num">Input</th>
            <th scope="col" className="num">Output</th>
            <th scope="col" className="num">Cached</th>
            <th scope="col">Status</th>
            {canWrite && <th scope="col"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <Fragment key={m.id}>
              <tr>
                <td className="mono">{m.id}</td>
                <td>{m.provider}</td>
                <td>{m.kind}</td>
                <td className="num">{count.format(m.contextWindow)}</td>
                <td className="num">{formatPrice(m.price.input)}</td>
                <td className="num">{formatPrice(m.price.output)}</td>
                <td className="num">{formatPrice(m.price.cachedInput)}</td>
                <td>
                  <span className="row" style={{ flexWrap: 'nowrap' }}>
                    {m.enabled ? <Badge tone="success">enabled</Badge> : <Badge>disabled</Badge>}
                    <Button size="sm" variant="ghost" aria-expanded={open?.id === m.id && open.what === 'history'} onClick={() => toggle(m.id, 'history')}>
                      History ({m.priceHistory.length})
                    </Button>
                  </span>
                </td>
                {canWrite && (
                  <td className="num">
                    <span className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                      <Button size="sm" onClick={() => toggle(m.id, 'price')}>Edit price</Button>
                      <Button
                        size="sm"
                        variant={m.enabled ? 'danger' : 'default'}
                        busy={update.isPending && update.variables?.id === m.id}
                        onClick={() => update.mutate({ id: m.id, body: { enabled: !m.enabled } })}
                      >
                        {m.enabled ? 'Disable' : 'Enable'}
                      </Button>
                    </span>
                  </td>
                )}
              </tr>
              {open?.id === m.id && (
                <tr className="row-sub">
                  <td colSpan={columns}>
                    {open.what === 'price' ? <EditPriceForm model={m} onDone={() => setOpen(null)} /> : <PriceHistory model={m} />}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PriceHistory({ model }: { model: CatalogModel }) {
  const now = Date.now();
  return (
    <table className="table" aria-label={`Price history of ${model.id}`}>
      <thead>
        <tr>
          <th scope="col">Effective from</th>
          <th scope="col" className="num">Input</th>
          <th scope="col" className="num">Output</th>
          <th scope="col" className="num">Cached</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {[...model.priceHistory].reverse().map((p) => (
          <tr key={p.effectiveFrom}>
            <td>{formatDateTime(p.effectiveFrom)}</td>
            <td className="num">{formatPrice(p.input)}</td>
            <td className="num">{formatPrice(p.output)}</td>
            <td className="num">{formatPrice(p.cachedInput)}</td>
            <td>
              {p.effectiveFrom === model.price.effectiveFrom ? <Badge tone="success">in force</Badge> : Date.parse(p.effectiveFrom) > now ? <Badge tone="primary">scheduled</Badge> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
