#ifndef SCENEWRIGHT_CPREFETCH_H
#define SCENEWRIGHT_CPREFETCH_H

/// Hints the CPU to start loading the cache line holding `address` (for reading, keep in all
/// cache levels). Swift has no prefetch intrinsic; the ALS solver uses this to overlap the
/// cache misses of gathering factor rows with arithmetic on the current row.
static inline __attribute__((always_inline)) void scenewright_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
