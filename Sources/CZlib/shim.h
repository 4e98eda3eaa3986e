#include <zlib.h>

// deflateInit2 is a macro in zlib.h; Swift sees only functions.
static inline int hta_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
}
static inline int hta_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
