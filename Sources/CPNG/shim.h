#ifndef SCENEWRIGHT_CPNG_SHIM_H
#define SCENEWRIGHT_CPNG_SHIM_H

// libpng for Swift. libpng reports errors by longjmp; these functions own the setjmp, so the
// Swift side only ever sees a return code and a message. Compound macros Swift cannot import
// are re-exported as constants.

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

static const int scenewright_png_filter_none = PNG_FILTER_NONE;
static const int scenewright_png_filter_sub = PNG_FILTER_SUB;
static const int scenewright_png_filter_up = PNG_FILTER_UP;
static const int scenewright_png_filter_avg = PNG_FILTER_AVG;
static const int scenewright_png_filter_paeth = PNG_FILTER_PAETH;
static const int scenewright_png_all_filters = PNG_ALL_FILTERS;

/// A growable output buffer; free `data` with scenewright_png_free.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
} scenewright_png_buffer;

/// Where libpng's error handler jumps back to, and the message it left.
typedef struct {
    jmp_buf jump;
    char message[256];
} scenewright_png_error;

static void scenewright_png_on_error(png_structp png, png_const_charp message) {
    scenewright_png_error *error = (scenewright_png_error *)png_get_error_ptr(png);
    strncpy(error->message, message ? message : "libpng error", sizeof(error->message) - 1);
    error->message[sizeof(error->message) - 1] = 0;
    longjmp(error->jump, 1);
}

static void scenewright_png_on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void scenewright_png_on_write(png_structp png, png_bytep data, size_t length) {
    scenewright_png_buffer *buffer = (scenewright_png_buffer *)png_get_io_ptr(png);
    if (buffer->size + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 65536;
        while (capacity < buffer->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
        if (!grown) png_error(png, "out of memory while encoding PNG");
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, data, length);
    buffer->size += length;
}

static void scenewright_png_on_flush(png_structp png) { (void)png; }

/// Writes `height` rows of `row_bytes` each, top to bottom, tagged sRGB: 8-bit RGB or RGBA, or
/// (with `palette`) one palette index per byte, packed by libpng to `bit_depth` bits.
/// Returns 0 on success; otherwise 1 with error->message set and out->data freed.
static int scenewright_png_write(const unsigned char *pixels, size_t row_bytes, unsigned width, unsigned height, int bit_depth, int color_type,
                                 const unsigned char *palette, int colors, int compression_level, int filters,
                                 scenewright_png_buffer *out, scenewright_png_error *error) {
    out->data = NULL;
    out->size = 0;
    out->capacity = 0;
    error->message[0] = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, error, scenewright_png_on_error, scenewright_png_on_warning);
    if (!png) {
        strcpy(error->message, "cannot create a libpng write struct");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        strcpy(error->message, "cannot create a libpng info struct");
        return 1;
    }
    png_bytep *volatile rows = NULL;
    if (setjmp(error->jump)) {
        png_destroy_write_struct(&png, &info);
        free((void *)rows);
        free(out->data);
        out->data = NULL;
        out->size = 0;
        return 1;
    }
    png_set_write_fn(png, out, scenewright_png_on_write, scenewright_png_on_flush);
    png_set_IHDR(png, info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (palette) png_set_PLTE(png, info, (png_const_colorp)palette, colors);
    png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    png_set_compression_level(png, compression_level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!rows) png_error(png, "out of memory while encoding PNG");
    for (unsigned y = 0; y < height; y++) rows[y] = (png_bytep)pixels + (size_t)y * row_bytes;
    png_set_rows(png, info, rows);
    png_write_png(png, info, bit_depth < 8 ? PNG_TRANSFORM_PACKING : PNG_TRANSFORM_IDENTITY, NULL);
    png_destroy_write_struct(&png, &info);
    free((void *)rows);
    return 0;
}

/// Encodes 8-bit RGB (channels 3) or RGBA (channels 4) pixels.
static int scenewright_png_encode(const unsigned char *pixels, unsigned width, unsigned height, unsigned channels,
                                  int compression_level, int filters, scenewright_png_buffer *out, scenewright_png_error *error) {
    return scenewright_png_write(pixels, (size_t)width * channels, width, height, 8, channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                                 NULL, 0, compression_level, filters, out, error);
}

/// Encodes a palette image: one index per pixel, `colors` RGB triples in `palette`, no row
/// filter (the PNG specification's advice for palette images).
static int scenewright_png_encode_indexed(const unsigned char *indices, unsigned width, unsigned height,
                                          const unsigned char *palette, int colors, int bit_depth,
                                          int compression_level, scenewright_png_buffer *out, scenewright_png_error *error) {
    return scenewright_png_write(indices, width, width, height, bit_depth, PNG_COLOR_TYPE_PALETTE, palette, colors, compression_level, PNG_FILTER_NONE, out, error);
}

/// Decodes any PNG to 8-bit RGBA with libpng's simplified API (no setjmp needed).
/// Returns 0 on success with *pixels allocated (free with scenewright_png_free).
static int scenewright_png_decode_rgba(const unsigned char *data, size_t size, unsigned char **pixels,
                                       unsigned *width, unsigned *height, char *message, size_t message_size) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    *pixels = NULL;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        strncpy(message, image.message, message_size - 1);
        message[message_size - 1] = 0;
        return 1;
    }
    image.format = PNG_FORMAT_RGBA;
    size_t bytes = PNG_IMAGE_SIZE(image);
    *pixels = (unsigned char *)malloc(bytes ? bytes : 1);
    if (!*pixels) {
        png_image_free(&image);
        strncpy(message, "out of memory while decoding PNG", message_size - 1);
        return 1;
    }
    if (!png_image_finish_read(&image, NULL, *pixels, 0, NULL)) {
        strncpy(message, image.message, message_size - 1);
        message[message_size - 1] = 0;
        free(*pixels);
        *pixels = NULL;
        return 1;
    }
    *width = image.width;
    *height = image.height;
    return 0;
}

static void scenewright_png_free(void *pointer) { free(pointer); }

#endif
