import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a proxy process (its own entry point calls this first; so do the
 * benchmarks' proxy processes, to measure what runs). Not applied by `startProxy`:
 * a library call must not change the GC of the process that embeds it.
 *
 * No allocation-site pretenuring. V8 moves an allocation site's objects straight to
 * the old generation once most of them survived a scavenge. Under load a transient
 * spike (a pause, a burst) makes it do that for the sites of per-request objects
 * (Node's request/response among them); those then die in the old generation, where
 * only a full GC frees them, and until it runs every young object they point to is
 * kept and promoted as well. The process stays in that state: in the stream
 * benchmark promotion went from ~0.25 MB to ~1.4 MB per scavenge in two runs out of
 * three (more GC work per request, and an old generation that fills up faster).
 * Without pretenuring it did not happen in any of six runs, and JSON requests cost
 * no more. Long-lived objects (the semantic cache index) are promoted the usual way.
 */
export function tuneProxyProcess(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
