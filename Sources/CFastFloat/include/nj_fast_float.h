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

/// Where `nj_parse_number_fields` stopped.
typedef struct {
  /// The start of the first field not read, or the byte after the
  /// record's line end when `ended` is set.
  const char *position;
  /// The index (0-based) of the first field not read.
  ptrdiff_t field;
  /// 1 when the record ended with a line end that was read, 2 when it
  /// ended at `last`, 0 when it did not end.
  int ended;
} nj_fields_cursor;

/// Reads the fields of one CSV record that are plain numbers, starting
/// at `cursor->position` with field `cursor->field`, for as long as
/// each field is wanted as a number and holds one: field i goes to
/// output column `output_of[i]` (-1: not wanted), which is wanted as a
/// number while `states[column]` is 0 (no value yet) or 1 (numbers);
/// the value is stored at `columns[column][row]` and the state set to 1.
/// A field counts only when the delimiter follows it (or, for the last
/// of `field_count` fields, a line end: LF, CRLF or `last`). Anything
/// else (quotes, text, missing values, a ragged record) is left to the
/// caller at the cursor.
void nj_parse_number_fields(const char *last, char delimiter,
                            ptrdiff_t field_count, const ptrdiff_t *output_of,
                            unsigned char *states, double *const *columns,
                            ptrdiff_t row, nj_fields_cursor *cursor);

#ifdef __cplusplus
}
#endif

#endif
