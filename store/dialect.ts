// Where ClickHouse versions differ, decided in one place. The SQL everywhere else is the
// subset that Debian's 18.16 server and current ClickHouse (chdb) both run. The HTTP client
// needs no gate here: server-engine.ts sends only settings 18.16 already has.
import type { EngineVersion } from './engine.js';

export interface Dialect {
  version: EngineVersion;
  /** `LowCardinality(String)` needs allow_experimental_low_cardinality_type before 19.x: plain String there. */
  lowCardinalityString: string;
  /** Table TTL expressions arrived in 19.6; older servers drop expired partitions on a schedule instead. */
  supportsTtl: boolean;
  /**
   * Read FINAL as two UNION ALL'd halves of the time range (queries.ts finalInHalves): before
   * 20.x FINAL merges in one stream, so halves use both cores (18.16: 250 → 172 ms); current
   * releases parallelise FINAL themselves and the split only adds work (chdb: 78 → 108 ms).
   */
  splitFinal: boolean;
}

export function dialectFor(version: EngineVersion): Dialect {
  const atLeast = (major: number, minor: number) => version.major > major || (version.major === major && version.minor >= minor);
  return {
    version,
    lowCardinalityString: atLeast(19, 0) ? 'LowCardinality(String)' : 'String',
    supportsTtl: atLeast(19, 6),
    splitFinal: !atLeast(20, 0),
  };
}
