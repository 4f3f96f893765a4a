#include <zlib.h>

// deflateInit2 is a macro, which Swift cannot call; windowBits 15 + 16 asks zlib for a gzip wrapper.
static inline int leakkb_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
