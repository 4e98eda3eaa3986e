// Typed wrappers around libcurl's variadic curl_easy_setopt/getinfo, which Swift cannot call directly.
#include <curl/curl.h>

static inline CURLcode hta_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hta_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hta_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode hta_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*hta_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode hta_setopt_write_function(CURL *handle, CURLoption option, hta_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}
static inline CURLcode hta_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
