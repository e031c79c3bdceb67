// The metrics a channel counts into: the process's Prometheus registry, passed in; channels define their own counters.
import { Counter, type Registry } from 'prom-client';

/** What a channel needs of the assistant's metrics (src/http/metrics.ts provides it). */
export interface ChannelMetrics {
  registry: Registry;
}

/** The counter `name` on the registry, created on first use: two channels on one registry (tests) share it instead of failing to register twice. */
export function sharedCounter(metrics: ChannelMetrics, name: string, help: string, labelNames: string[]): Counter {
  return (metrics.registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [metrics.registry] });
}
