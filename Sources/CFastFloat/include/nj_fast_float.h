// Correctly rounded decimal-to-double parsing (fast_float) for Swift.
#ifndef NJ_FAST_FLOAT_H
#define NJ_FAST_FLOAT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Parses the longest decimal number that starts at `first` and ends at
/// or before `last` ("1", "-2.5e3", "+.5", "nan", "inf", "Infinity";
/// no leading white space, no hex), rounded to the nearest double.
/// Stores it in `*out` and returns the number of bytes consumed, or -1
/// when no number starts at `first` (then `*out` is unchanged).
ptrdiff_t nj_parse_double(const char *first, const char *last, double *out);

#ifdef __cplusplus
}
#endif

#endif
