#include "CGraphvizShim.h"

#include <graphviz/gvc.h>
#include <graphviz/gvcjob.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Exported by libgvc (declared in its private gvio.h).
extern size_t gvwrite(GVJ_t *job, const char *s, size_t len);

// --- Numbers written as Graphviz writes them, without printf ---------------------------
// Graphviz's SVG renderer writes most of its numbers (font sizes, stroke widths, text
// positions) through libgvc's gvprintdouble, which is snprintf("%.02f") with the trailing
// zeros and point trimmed; snprintf's decimal conversion was a tenth of every render. The
// function below writes the same characters by exact integer arithmetic, and, defined in the
// program, takes the place of libgvc's for the plugins, which call it through the dynamic
// linker (libgvc's own few calls stay with its own copy: the same text either way).

// The characters of snprintf(out, 50, "%.02f", x) in round-to-nearest, ties to even (glibc
// rounds the exact binary value, as done here); its length. Values whose digits would not fit
// in 64 bits, and NaN and infinities, go to snprintf itself.
size_t sh_format_fixed2(char *out, double x) {
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int negative = (int)(bits >> 63);
    int exponent = (int)((bits >> 52) & 0x7ff);
    uint64_t mantissa = bits & ((1ull << 52) - 1);
    // x = m * 2^-k exactly, with m < 2^53; values of 2^52 and above (k <= 0) are whole numbers
    // that printf handles (rare in a drawing).
    if (exponent == 0x7ff || exponent >= 1075) {
        snprintf(out, 50, "%.02f", x);  // cut to 49 characters, as libgvc's buffer of 50 cuts it
        return strlen(out);
    }
    uint64_t m = exponent == 0 ? mantissa : mantissa | (1ull << 52);
    int k = exponent == 0 ? 1074 : 1075 - exponent;
    uint64_t scaled = m * 100;  // < 2^60: exact
    uint64_t n;
    if (k >= 64) {
        n = 0;  // scaled < 2^60 <= half of 2^k: rounds down
    } else {
        n = scaled >> k;
        uint64_t rest = scaled & ((1ull << k) - 1), half = 1ull << (k - 1);
        if (rest > half || (rest == half && (n & 1))) n++;
    }
    char digits[24];
    int count = 0;
    uint64_t whole = n / 100;
    unsigned cents = (unsigned)(n % 100);
    do {
        digits[count++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    size_t length = 0;
    if (negative) out[length++] = '-';
    while (count) out[length++] = digits[--count];
    out[length++] = '.';
    out[length++] = (char)('0' + cents / 10);
    out[length++] = (char)('0' + cents % 10);
    out[length] = '\0';
    return length;
}

// libgvc 2.42's gvprintdouble, with the number formatted above: values within 1e-8 of zero
// are written as zero, then "%.02f" with trailing zeros (and a point left last) taken off.
void gvprintdouble(GVJ_t *job, double num) {
    if (num > -0.00000001 && num < 0.00000001) num = 0;
    char buf[50];
    size_t length = sh_format_fixed2(buf, num);
    char *point = strchr(buf, '.');
    if (point) {
        while (length > 0 && buf[length - 1] == '0') buf[--length] = '\0';
        if (length > 0 && buf[length - 1] == '.') buf[--length] = '\0';
    }
    gvwrite(job, buf, length);
}
