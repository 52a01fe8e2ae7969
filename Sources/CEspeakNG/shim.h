#ifndef SCENEWRIGHT_CESPEAKNG_SHIM_H
#define SCENEWRIGHT_CESPEAKNG_SHIM_H

// espeak-ng for Swift: synchronous synthesis of one utterance into a growable buffer of 16-bit
// mono samples. espeak-ng keeps global state: these functions serve `scenewright-speak`, one
// utterance per process, and are not thread-safe.

#include <espeak-ng/speak_lib.h>
#include <stdlib.h>
#include <string.h>

/// Samples of one utterance; free `data` with scenewright_speech_free.
typedef struct {
    short *data;
    size_t count;
    size_t capacity;
    int failed;
} scenewright_speech_buffer;

static scenewright_speech_buffer *scenewright_speech_target = NULL;

static int scenewright_speech_on_samples(short *samples, int count, espeak_EVENT *events) {
    (void)events;
    scenewright_speech_buffer *buffer = scenewright_speech_target;
    if (!buffer || !samples || count <= 0) return 0;
    if (buffer->count + (size_t)count > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 65536;
        while (capacity < buffer->count + (size_t)count) capacity *= 2;
        short *grown = (short *)realloc(buffer->data, capacity * sizeof(short));
        if (!grown) {
            buffer->failed = 1;
            return 1;  // stop synthesis
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->count, samples, (size_t)count * sizeof(short));
    buffer->count += (size_t)count;
    return 0;
}

/// Starts espeak-ng (once per process) with its installed data; returns the sample rate, or
/// a negative number when the data cannot be found.
static int scenewright_speech_start(void) {
    static int rate = 0;
    if (rate > 0) return rate;
    rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) return -1;
    espeak_SetSynthCallback(scenewright_speech_on_samples);
    return rate;
}

/// Speaks UTF-8 `text` with `voice` (an espeak-ng voice name, optionally with a variant:
/// "en", "fr+m3"), rate in words per minute, pitch and pitch range 0–100, and the gap between
/// words in units of 10 ms. Returns 0 on success with `out` filled; 1 for an unknown voice,
/// 2 for a synthesis failure.
static int scenewright_speech_speak(const char *voice, const char *text, int rate, int pitch, int range, int word_gap,
                                    scenewright_speech_buffer *out) {
    out->data = NULL;
    out->count = 0;
    out->capacity = 0;
    out->failed = 0;
    if (espeak_SetVoiceByName(voice) != EE_OK) return 1;
    espeak_SetParameter(espeakRATE, rate, 0);
    espeak_SetParameter(espeakPITCH, pitch, 0);
    espeak_SetParameter(espeakRANGE, range, 0);
    espeak_SetParameter(espeakWORDGAP, word_gap, 0);
    espeak_SetParameter(espeakVOLUME, 100, 0);
    espeak_SetParameter(espeakPUNCTUATION, espeakPUNCT_NONE, 0);
    scenewright_speech_target = out;
    // espeak-ng draws its pitch jitter from the C library's rand(): a fixed seed per utterance
    // makes the same text and voice give the same samples.
    srand(1);
    espeak_ERROR status = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
    espeak_Synchronize();
    scenewright_speech_target = NULL;
    if (status != EE_OK || out->failed) {
        free(out->data);
        out->data = NULL;
        out->count = 0;
        return 2;
    }
    return 0;
}

static void scenewright_speech_free(short *data) { free(data); }

#endif
