#ifndef SCENEWRIGHT_CEBUR128_SHIM_H
#define SCENEWRIGHT_CEBUR128_SHIM_H

// libebur128 for Swift: one call measures a whole mono clip.

#include <ebur128.h>
#include <stddef.h>

/// Integrated loudness (LUFS) and true peak (linear, 1.0 = full scale) of `frames` mono float
/// samples at `rate` Hz. Returns 0 on success; 1 when libebur128 cannot start or measure.
static int scenewright_loudness_measure(const float *samples, size_t frames, unsigned long rate, double *lufs, double *true_peak) {
    ebur128_state *state = ebur128_init(1, rate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    if (!state) return 1;
    int failed = ebur128_add_frames_float(state, samples, frames) != EBUR128_SUCCESS
        || ebur128_loudness_global(state, lufs) != EBUR128_SUCCESS
        || ebur128_true_peak(state, 0, true_peak) != EBUR128_SUCCESS;
    ebur128_destroy(&state);
    return failed ? 1 : 0;
}

#endif
