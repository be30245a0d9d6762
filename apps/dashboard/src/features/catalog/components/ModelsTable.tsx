import type { CatalogModel } from '@switchyard/contracts';
import { Fragment, useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { ModelName } from '../../../components/ui/ModelName';
import { errorMessage } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { formatPrice } from '../../../lib/money';
import { useUpdateModel } from '../hooks/use-catalog';
import { EditPriceForm } from './EditPriceForm';

const count = new Intl.NumberFormat('en-US');

export function ModelsTable({ models, canWrite }: { models: CatalogModel[]; canWrite: boolean }) {
  const [open, setOpen] = useState<{ id: string; what: 'history' | 'price' } | null>(null);
  const update = useUpdateModel();
  const toggle = (id: string, what: 'history' | 'price') => setOpen(open?.id === id && open.what === what ? null : { id, what });
  return (
    <div className="table-wrap">
      {update.isError && <div className="notice notice-danger" role="alert" style={{ margin: '0 16px 8px' }}>{errorMessage(update.error)}</div>}
      <table className="table" aria-label="Models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Provider</th>
            <th scope="col" className="num">Context</th>
            <th scope="col" className="num">Input</th>
            <th scope="col" className="num">Output</th>
            <th scope="col" className="num">Cached</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <Fragment key={m.id}>
              <tr>
                <td>
                  <ModelName id={m.id} /> {m.kind === 'embedding' && <Badge tone="primary">embedding</Badge>}{' '}
                  {!m.enabled && <Badge>disabled</Badge>}
                </td>
                <td>{m.provider}</td>
                <td className="num">{count.format(m.contextWindow)}</td>
                <td className="num">{formatPrice(m.price.input)}</td>
                <td className="num">{formatPrice(m.price.output)}</td>
                <td className="num">{formatPrice(m.price.cachedInput)}</td>
                <td className="num">
                  <span className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap', gap: 4 }}>
                    <Button size="sm" variant="ghost" aria-expanded={open?.id === m.id && open.what === 'history'} onClick={() => toggle(m.id, 'history')}>
                      History
                    </Button>
                    {canWrite && (
                      <>
                        <Button size="sm" onClick={() => toggle(m.id, 'price')}>Edit price</Button>
                        <Button
                          size="sm"
                          variant={m.enabled ? 'danger' : 'default'}
                          busy={update.isPending && update.variables?.id === m.id}
                          onClick={() => update.mutate({ id: m.id, body: { enabled: !m.enabled } })}
                        >
                          {m.enabled ? 'Disable' : 'Enable'}
                        </Button>
                      </>
                    )}
                  </span>
                </td>
              </tr>
              {open?.id === m.id && (
                <tr className="row-sub">
                  <td colSpan={7}>
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
          <th scope="col"><span className="sr-only">State</span></th>
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
