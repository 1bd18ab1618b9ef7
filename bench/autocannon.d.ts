// The part of autocannon's API the benchmark uses (the package ships no types).
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    headers?: Record<string, string>;
    /** Paths each connection requests in turn. */
    requests?: { method?: string; path?: string }[];
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    throughput: Histogram;
    non2xx: number;
    "2xx": number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  /** A running load: a promise of the result that also reports each response as it comes. */
  interface Instance extends PromiseLike<Result> {
    on(event: "response", listener: (client: unknown, statusCode: number) => void): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
