import type { UsageEvent } from '@switchyard/contracts';
import { ProxyMetrics } from './proxy-metrics';

const event = (over: Partial<UsageEvent> = {}): UsageEvent =>
  ({
    endpoint: 'chat.completions',
    bucket: 'bulk',
    servedModel: 'm/a',
    status: 200,
    totalMs: 30,
    ttftMs: 4,
    stream: true,
    errorType: null,
    promptTokens: 10,
    completionTokens: 5,
    cachedTokens: 2,
    costUsd: '0.0001',
    cache: 'miss',
    ...over,
  }) as UsageEvent;

describe('ProxyMetrics', () => {
  it('exposes counters and cumulative histograms in Prometheus text format', async () => {
    const m = new ProxyMetrics(false);
    m.record(event());
    m.record(event({ totalMs: 700, status: 502, errorType: 'upstream_status_500', servedModel: null, promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: '0.00' }));
    m.recordAttempt('bulk', 'm/a', 'fallback');
    m.recordRejected(401);
    const text = await m.registry.metrics();
    expect(text).toContain('# TYPE switchyard_proxy_requests_total counter');
    expect(text).toContain('switchyard_proxy_requests_total{endpoint="chat.completions",bucket="bulk",model="m/a",status="200"} 1');
    expect(text).toContain('switchyard_proxy_requests_total{endpoint="chat.completions",bucket="bulk",model="none",status="502"} 1');
    expect(text).toContain('switchyard_proxy_request_duration_seconds_bucket{endpoint="chat.completions",bucket="bulk",model="m/a",le="0.025"} 0');
    expect(text).toContain('switchyard_proxy_request_duration_seconds_bucket{endpoint="chat.completions",bucket="bulk",model="m/a",le="0.05"} 1');
    expect(text).toContain('switchyard_proxy_request_duration_seconds_bucket{endpoint="chat.completions",bucket="bulk",model="m/a",le="+Inf"} 1');
    expect(text).toContain('switchyard_proxy_request_duration_seconds_count{endpoint="chat.completions",bucket="bulk",model="m/a"} 1');
    expect(text).toContain('switchyard_proxy_tokens_total{bucket="bulk",model="m/a",kind="cached"} 2');
    expect(text).toContain('switchyard_proxy_cost_usd_total{bucket="bulk",model="m/a"} 0.0001');
    expect(text).toContain('switchyard_proxy_errors_total{bucket="bulk",model="none",type="upstream_status_500"} 1');
    expect(text).toContain('switchyard_proxy_cache_total{bucket="bulk",outcome="miss"} 2');
    expect(text).toContain('switchyard_proxy_upstream_attempts_total{bucket="bulk",model="m/a",outcome="fallback"} 1');
    expect(text).toContain('switchyard_proxy_rejected_requests_total{status="401"} 1');
    expect(text).toContain('switchyard_proxy_time_to_first_token_seconds_bucket{bucket="bulk",model="m/a",le="0.005"} 1');
  });
});
