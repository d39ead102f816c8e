#pragma once

namespace fastcms::cli {

/// For the long-running servers only: restarts the process once (same pid, same
/// arguments) with glibc's per-thread allocation cache enlarged
/// (GLIBC_TUNABLES=glibc.malloc.tcache_count=2000). Building and serialising a page of
/// records allocates hundreds of small JSON nodes per request; with glibc's default of 7
/// cached chunks per size they overflow into the shared bins and are consolidated again
/// and again (malloc/free were ~35% of a list request's CPU). Measured with
/// bench/records_bench.sh: list throughput +30%. Does nothing when the variable already
/// names tcache_count (the user's choice wins) or when the restart fails.
void tune_allocator_for_server(int argc, char** argv);

}  // namespace fastcms::cli
