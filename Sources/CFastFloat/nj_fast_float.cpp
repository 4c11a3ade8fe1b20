// Number parsing for the CSV reader: an exact fast path for plain
// decimals, Debian's header-only fast_float for everything else, and a
// loop over a record's run of number fields.

#include "nj_fast_float.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fast_float/fast_float.h>

// The eight-byte steps read words in little-endian order; other machines
// take the byte-at-a-time path.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NJ_WIDE_READS 1
#else
#define NJ_WIDE_READS 0
#endif

// Powers of ten exactly representable as doubles (10^22 is the last).
static const double exact_powers[] = {
  1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

// Eight bytes from `p` as one little-endian word (any alignment).
static inline uint64_t load8(const char *p) {
  uint64_t word;
  memcpy(&word, p, 8);
  return word;
}

// A bit per byte of the 16 bytes at `p`, set where the byte is an ASCII
// digit. With SSE2 (every x86-64) one compare does all 16 bytes; other
// targets test byte by byte (a loop their compilers may vectorize).
#if defined(__SSE2__)
static inline uint32_t digit_mask(const char *p) {
  __m128i bytes = _mm_loadu_si128((const __m128i *)p);
  __m128i values = _mm_sub_epi8(bytes, _mm_set1_epi8('0'));
  // Unsigned values 0-9 are digits: those equal their minimum with 9.
  __m128i digits = _mm_cmpeq_epi8(_mm_min_epu8(values, _mm_set1_epi8(9)),
                                  values);
  return (uint32_t)_mm_movemask_epi8(digits);
}
#else
static inline uint32_t digit_mask(const char *p) {
  uint32_t mask = 0;
  for (int i = 0; i < 16; i++)
    mask |= (uint32_t)((unsigned char)(p[i] - '0') < 10) << i;
  return mask;
}
#endif

// The value of the first `count` digit bytes of the word (count 0-7).
// They are moved to the end of the word, behind zero digits (two shifts,
// so that count 0 shifts everything out without a branch), then
// combined pairwise, fourwise and eightwise by multiplications, as in
// fast_float's eight-digit step (Lemire, "Number parsing at a gigabyte
// per second", 2021).
static inline uint64_t digit_value(uint64_t word, int count) {
  uint64_t digits = ((word - 0x3030303030303030ULL) << (63 - 8 * count)) << 1;
  digits = digits * 10 + (digits >> 8);
  return (((digits & 0x000000FF000000FFULL) * 0x000F424000000064ULL)
          + (((digits >> 16) & 0x000000FF000000FFULL)
             * 0x0000271000000001ULL)) >> 32;
}

// 10^k as integers, for joining the digits before and after the point.
static const uint64_t integer_powers[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
};

// The plain decimals CSV files are made of ("-8.1359", "42", "0.5"):
// at most 7 digits before the point and 7 after, no exponent. The digits
// form an integer w < 10^14 < 2^53 and the value is w / 10^k with k <= 7;
// both are exact doubles and IEEE division rounds correctly, so the
// quotient is the correctly rounded value (Clinger's fast path, 1990).
// Digits are found sixteen bytes at a time and converted eight at a
// time, and the sign and point are folded in arithmetically: a branch
// per digit or per sign mispredicts on fields of varying length. Needs
// 18 readable bytes from `first`. Returns the bytes used, or 0 to leave
// the field to fast_float.
static inline __attribute__((always_inline)) ptrdiff_t
parse_plain_wide(const char *first, double *out) {
  uint64_t negative = *first == '-';
  const char *p = first + (negative | (*first == '+'));
  // Runs of digits before and after the point, from one 16-byte mask
  // (bit 16 and above of the complement are set, so a count stops at 16).
  uint32_t digits_at = digit_mask(p);
  int whole_count = __builtin_ctz(~digits_at);
  const char *q = p + whole_count;
  int point = *q == '.';
  int part_count = __builtin_ctz(~(digits_at >> (whole_count + 1))) & -point;
  const char *end = q + point + part_count;
  if (whole_count > 7 || part_count > 7 || whole_count + part_count == 0
      || (*end | 0x20) == 'e')
    return 0;
  uint64_t digits = digit_value(load8(p), whole_count)
                  * integer_powers[part_count]
                  + digit_value(load8(q + 1), part_count);
  // digits < 2^53: the signed conversion is exact and one instruction.
  double value = (double)(int64_t)digits / exact_powers[part_count];
  uint64_t bits;
  memcpy(&bits, &value, 8);
  bits |= negative << 63;
  memcpy(out, &bits, 8);
  return end - first;
}

// The same without reading ahead, for the last bytes of a buffer: at
// most 15 digits, so w < 10^15 < 2^53.
static inline ptrdiff_t parse_plain(const char *first, const char *last,
                                    double *out) {
  const char *p = first;
  bool negative = false;
  if (p < last && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    p++;
  }
  uint64_t digits = 0;
  const char *start = p;
  while (p < last && (unsigned)(*p - '0') < 10) {
    digits = digits * 10 + (uint64_t)(*p - '0');
    p++;
  }
  int count = (int)(p - start);
  int fraction = 0;
  if (p < last && *p == '.') {
    p++;
    const char *decimals = p;
    while (p < last && (unsigned)(*p - '0') < 10) {
      digits = digits * 10 + (uint64_t)(*p - '0');
      p++;
    }
    fraction = (int)(p - decimals);
    count += fraction;
  }
  if (count == 0 || count > 15) return 0;
  if (p < last && (*p == 'e' || *p == 'E')) return 0;
  double value = (double)digits / exact_powers[fraction];
  *out = negative ? -value : value;
  return p - first;
}

extern "C" ptrdiff_t nj_parse_double(const char *first, const char *last,
                                     double *out) {
  ptrdiff_t used = NJ_WIDE_READS && last - first >= 18
                     ? parse_plain_wide(first, out)
                     : parse_plain(first, last, out);
  if (used > 0) return used;
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

extern "C" void nj_parse_number_fields(
    const char *last, char delimiter, ptrdiff_t field_count,
    const ptrdiff_t *output_of, unsigned char *states, double *const *columns,
    ptrdiff_t row, nj_fields_cursor *cursor) {
  const char *p = cursor->position;
  ptrdiff_t field = cursor->field;
  while (field < field_count) {
    ptrdiff_t column = output_of[field];
    if (column < 0 || states[column] > 1) break;
    double value;
    ptrdiff_t used =
        NJ_WIDE_READS && last - p >= 18 ? parse_plain_wide(p, &value) : 0;
    if (used == 0) used = nj_parse_double(p, last, &value);
    if (used <= 0) break;
    const char *r = p + used;
    if (field + 1 < field_count) {
      // Not the last field: only the delimiter may follow.
      if (r == last || *r != delimiter) break;
      columns[column][row] = value;
      states[column] = 1;
      p = r + 1;
      field++;
      continue;
    }
    // The last field: a line end must follow.
    if (r < last && *r == '\r' && (r + 1 == last || r[1] == '\n')) r++;
    if (r < last && *r != '\n') break;
    columns[column][row] = value;
    states[column] = 1;
    cursor->ended = r == last ? 2 : 1;
    p = r == last ? r : r + 1;
    field++;
    break;
  }
  cursor->position = p;
  cursor->field = field;
}
