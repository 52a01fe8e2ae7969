#ifndef SCENEWRIGHT_CLAME_SHIM_H
#define SCENEWRIGHT_CLAME_SHIM_H

// LAME for Swift: a whole mono clip to a constant-bit-rate MP3 in memory, with an ID3v2
// comment and the LAME tag frame (encoder delay and padding), so players and ffprobe know the
// exact duration; and LAME's own decoder (hip), to measure what a listener will hear.

#include <lame/lame.h>
#include <stdlib.h>
#include <string.h>

/// The encoded file; free `data` with scenewright_mp3_free.
typedef struct {
    unsigned char *data;
    size_t size;
} scenewright_mp3_buffer;

/// Size of an ID3v2 tag at the start of `data` (header included), or 0.
static size_t scenewright_mp3_id3v2_size(const unsigned char *data, size_t size) {
    if (size < 10 || memcmp(data, "ID3", 3) != 0) return 0;
    size_t body = ((size_t)(data[6] & 0x7f) << 21) | ((size_t)(data[7] & 0x7f) << 14) | ((size_t)(data[8] & 0x7f) << 7) | (size_t)(data[9] & 0x7f);
    return 10 + body + ((data[5] & 0x10) ? 10 : 0);
}

/// Encodes `samples` mono floats in [-1, 1] at `rate` Hz (kept as the output rate) at `kbps`.
/// Returns 0 on success; 1 when LAME rejects the settings; 2 when encoding fails.
static int scenewright_mp3_encode(const float *pcm, int samples, int rate, int kbps, const char *comment, scenewright_mp3_buffer *out) {
    out->data = NULL;
    out->size = 0;
    lame_global_flags *lame = lame_init();
    if (!lame) return 2;
    lame_set_num_channels(lame, 1);
    lame_set_mode(lame, MONO);
    lame_set_in_samplerate(lame, rate);
    lame_set_out_samplerate(lame, rate);
    lame_set_brate(lame, kbps);
    lame_set_VBR(lame, vbr_off);
    lame_set_quality(lame, 2);
    lame_set_bWriteVbrTag(lame, 1);
    id3tag_init(lame);
    id3tag_v2_only(lame);
    id3tag_set_comment(lame, comment);
    if (lame_init_params(lame) < 0) {
        lame_close(lame);
        return 1;
    }
    size_t capacity = (size_t)samples * 5 / 4 + 7200 + 16384;
    unsigned char *data = (unsigned char *)malloc(capacity);
    if (!data) {
        lame_close(lame);
        return 2;
    }
    int written = lame_encode_buffer_ieee_float(lame, pcm, pcm, samples, data, (int)capacity);
    int flushed = written < 0 ? -1 : lame_encode_flush(lame, data + written, (int)(capacity - (size_t)written));
    if (written < 0 || flushed < 0) {
        free(data);
        lame_close(lame);
        return 2;
    }
    size_t size = (size_t)written + (size_t)flushed;
    // LAME left an empty frame after the ID3v2 tag for the LAME tag: fill it in.
    unsigned char tag[4096];
    size_t tag_size = lame_get_lametag_frame(lame, tag, sizeof tag);
    size_t at = scenewright_mp3_id3v2_size(data, size);
    if (tag_size > 0 && tag_size <= sizeof tag && at + tag_size <= size) memcpy(data + at, tag, tag_size);
    lame_close(lame);
    out->data = data;
    out->size = size;
    return 0;
}

/// Decodes a mono MP3 file (an ID3v2 tag at its start is skipped) to floats in [-1, 1],
/// encoder delay and padding included. Returns the number of samples (free `*out` with
/// scenewright_mp3_free), or -1 when the data does not decode.
static long scenewright_mp3_decode(const unsigned char *mp3, size_t size, float **out) {
    *out = NULL;
    hip_t hip = hip_decode_init();
    if (!hip) return -1;
    size_t capacity = 1 << 16, count = 0;
    float *samples = (float *)malloc(capacity * sizeof(float));
    short left[1152], right[1152];
    size_t at = scenewright_mp3_id3v2_size(mp3, size);
    int failed = samples == NULL;
    while (!failed && at < size) {
        size_t chunk = size - at < 1024 ? size - at : 1024;
        int n = hip_decode1(hip, (unsigned char *)mp3 + at, chunk, left, right);
        at += chunk;
        while (n > 0) {
            if (count + (size_t)n > capacity) {
                capacity *= 2;
                float *grown = (float *)realloc(samples, capacity * sizeof(float));
                if (!grown) { failed = 1; break; }
                samples = grown;
            }
            for (int i = 0; i < n; i++) samples[count + (size_t)i] = (float)left[i] / 32768.0f;
            count += (size_t)n;
            n = hip_decode1(hip, (unsigned char *)mp3, 0, left, right);
        }
        if (n < 0) failed = 1;
    }
    hip_decode_exit(hip);
    if (failed) {
        free(samples);
        return -1;
    }
    *out = samples;
    return (long)count;
}

static void scenewright_mp3_free(void *data) { free(data); }

#endif
