// The C entry points over Debian's header-only fast_float library.

#include "nj_fast_float.h"

#include <fast_float/fast_float.h>

extern "C" ptrdiff_t nj_parse_double(const char *first, const char *last,
                                     double *out) {
  // fast_float rounds correctly (Eisel-Lemire with a big-decimal
  // fallback) and never allocates; out-of-range input becomes +-inf or 0.
  double value = 0;
  fast_float::from_chars_result result =
      fast_float::from_chars(first, last, value);
  if (result.ec != std::errc() && result.ec != std::errc::result_out_of_range)
    return -1;
  if (result.ptr == first) return -1;
  *out = value;
  return result.ptr - first;
}
