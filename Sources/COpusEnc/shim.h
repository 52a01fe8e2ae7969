#ifndef SCENEWRIGHT_COPUSENC_SHIM_H
#define SCENEWRIGHT_COPUSENC_SHIM_H

// libopusenc for Swift: a whole mono clip to an Ogg Opus file in memory.

#include <opus/opusenc.h>
#include <stdlib.h>
#include <string.h>

/// A growable output buffer; free `data` with scenewright_opus_free.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    int failed;
} scenewright_opus_buffer;

static int scenewright_opus_on_write(void *user_data, const unsigned char *ptr, opus_int32 len) {
    scenewright_opus_buffer *buffer = (scenewright_opus_buffer *)user_data;
    if (buffer->size + (size_t)len > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 65536;
        while (capacity < buffer->size + (size_t)len) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
        if (!grown) {
            buffer->failed = 1;
            return 1;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, ptr, (size_t)len);
    buffer->size += (size_t)len;
    return 0;
}

static int scenewright_opus_on_close(void *user_data) {
    (void)user_data;
    return 0;
}

/// Encodes `samples` mono floats at `rate` Hz (libopusenc resamples to Opus's 48 kHz) at
/// `bitrate` bits per second, with `comment` as the COMMENT tag and a fixed Ogg stream serial
/// number (so the same clip gives the same bytes). Returns 0 on success, else libopusenc's error.
static int scenewright_opus_encode(const float *pcm, int samples, int rate, int bitrate, const char *comment, int serial,
                                   scenewright_opus_buffer *out) {
    out->data = NULL;
    out->size = 0;
    out->capacity = 0;
    out->failed = 0;
    OpusEncCallbacks callbacks = {scenewright_opus_on_write, scenewright_opus_on_close};
    OggOpusComments *comments = ope_comments_create();
    if (!comments) return OPE_ALLOC_FAIL;
    ope_comments_add(comments, "COMMENT", comment);
    int error = OPE_OK;
    OggOpusEnc *encoder = ope_encoder_create_callbacks(&callbacks, out, comments, rate, 1, 0, &error);
    if (!encoder) {
        ope_comments_destroy(comments);
        return error ? error : OPE_INTERNAL_ERROR;
    }
    int status = ope_encoder_ctl(encoder, OPE_SET_SERIALNO(serial));
    if (status == OPE_OK) status = ope_encoder_ctl(encoder, OPUS_SET_BITRATE(bitrate));
    // The full-band (CELT) coder for every clip: the speech coder band-limits noise-like
    // ambience (rain lost 3 LU at 48 kbit/s) and gains nothing at this rate.
    if (status == OPE_OK) status = ope_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_MUSIC));
    if (status == OPE_OK) status = ope_encoder_write_float(encoder, pcm, samples);
    if (status == OPE_OK) status = ope_encoder_drain(encoder);
    ope_encoder_destroy(encoder);
    ope_comments_destroy(comments);
    if (status == OPE_OK && out->failed) status = OPE_ALLOC_FAIL;
    if (status != OPE_OK) {
        free(out->data);
        out->data = NULL;
        out->size = 0;
    }
    return status;
}

static const char *scenewright_opus_error(int status) { return ope_strerror(status); }
static void scenewright_opus_free(void *data) { free(data); }

#endif
