#define _GNU_SOURCE  // dladdr
#include "CGraphvizShim.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// --- Text measured once ------------------------------------------------------------------
// Graphviz measures every label's text with pango (plugin/pango/gvtextlayout_pango.c): a new
// PangoLayout, markup parsed, extents computed — about 100,000 instructions a label, a tenth of
// a render, though a batch of helper networks measures the same few texts ("Helper 3\nrole 3",
// the legend) over and over. The measurement is a function of the text and the font alone: the
// engine reads span->str and span->font's name, size, flags and PostScript alias (which
// textspan.c derives from the name), and writes the span's size, its two y offsets and its
// PangoLayout. This engine stands in front of pango's: it asks pango once per (text, font) and
// hands out the same numbers after that, so every layout is the one pango's own answers give,
// to the bit.
//
// What it cannot hand out again is the PangoLayout: only the cairo renderers (png, pdf) draw
// with it; the SVG renderer writes the text and the font by name. So the cache answers only while
// sh_textcache_enable(1) is in force (the SVG renders), and pango answers every call otherwise.
//
// Pango itself (with cairo, harfbuzz, freetype and fontconfig, which reads some forty files of
// configuration as it starts) is loaded only when a text must be measured: sh_context makes a
// context in which this engine is the text layout plugin, and the engine Graphviz would have
// chosen (pango's, else gd's) is loaded on the first miss. A process whose texts were all
// measured before (sh_textcache_preload, from a file the caller kept) never loads it: that is
// about half of a re-run that draws one changed helper network.
//
// Entries are keyed by a 128-bit digest of (text, font name, size, flags) under a salt the
// caller chooses, not by the text: what the caller keeps on disk holds no label.

// The head of gvc's private `struct gvplugin_available_s` (lib/gvc/gvcint.h, the same from
// 2.38 on): what gvplugin_load returns, read for the engine it loaded.
typedef struct sh_available_head {
    struct sh_available_head *next;
    const char *typestr;
    int quality;
    void *package;
    gvplugin_installed_t *typeptr;
} sh_available_head;

// Exported by libgvc (declared in its private gvcproc.h).
extern gvplugin_available_t *gvplugin_load(GVC_t *gvc, api_t api, const char *type);

typedef struct {
    sh_text_measure m;
    int used;
    int fresh;  // measured in this process and not yet taken by sh_textcache_take_fresh
} sh_text_entry;

static GVC_t *sh_gvc;                     // the context sh_context made
static gvtextlayout_engine_t *sh_measurer; // the engine this one stands in front of, once loaded
static int sh_measurer_tried;
static int sh_cache_on;
static uint64_t sh_salt[2];
static sh_text_entry *sh_entries;
static size_t sh_capacity, sh_count, sh_fresh;
static uint64_t sh_hits, sh_misses;

enum { SH_TEXT_CACHE_LIMIT = 1 << 16 };  // entries kept at most; the table starts again when full

// --- The digest ---------------------------------------------------------------------------
// Two lanes, each a chain of bijective 64-bit mixes (MurmurHash3's finaliser) over the key's
// words; every field is followed by its length, so that no two keys give the same words.

static uint64_t sh_mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

typedef struct { uint64_t a, b; } sh_lanes;

static void sh_word(sh_lanes *h, uint64_t w) {
    h->a = sh_mix(h->a ^ w);
    h->b = sh_mix(h->b + w * 0x9e3779b97f4a7c15ull) ^ (h->a >> 7);
}

static void sh_bytes(sh_lanes *h, const char *s) {
    size_t n = strlen(s);
    for (size_t k = 0; k < n; k += 8) {
        uint64_t w = 0;
        memcpy(&w, s + k, n - k < 8 ? n - k : 8);
        sh_word(h, w);
    }
    sh_word(h, (uint64_t)n);
}

static void sh_digest(const textspan_t *span, uint64_t out[2]) {
    sh_lanes h = { sh_salt[0] ^ 0x736168616e646c69ull, sh_salt[1] ^ 0x6e67746578743031ull };
    sh_bytes(&h, span->str);
    sh_bytes(&h, span->font->name);
    uint64_t bits;
    memcpy(&bits, &span->font->size, sizeof bits);
    sh_word(&h, bits);
    sh_word(&h, (uint64_t)span->font->flags);
    out[0] = sh_mix(h.a ^ h.b);
    out[1] = sh_mix(h.b + 0x632be59bd9b4e019ull) ^ h.a;
}

// --- The table ----------------------------------------------------------------------------

static void sh_clear(void) {
    free(sh_entries);
    sh_entries = NULL;
    sh_capacity = sh_count = sh_fresh = 0;
}

// The slot for `digest`: its entry, or the empty slot where it goes. NULL when there is no table.
static sh_text_entry *sh_slot(const uint64_t digest[2]) {
    if (sh_capacity == 0) return NULL;
    for (size_t k = digest[0] & (sh_capacity - 1);; k = (k + 1) & (sh_capacity - 1)) {
        sh_text_entry *e = &sh_entries[k];
        if (!e->used || (e->m.digest[0] == digest[0] && e->m.digest[1] == digest[1])) return e;
    }
}

static int sh_grow(void) {
    size_t capacity = sh_capacity ? 2 * sh_capacity : 1024;
    sh_text_entry *entries = calloc(capacity, sizeof *entries);
    if (entries == NULL) return 0;
    for (size_t k = 0; k < sh_capacity; k++) {
        sh_text_entry *e = &sh_entries[k];
        if (!e->used) continue;
        size_t j = e->m.digest[0] & (capacity - 1);
        while (entries[j].used) j = (j + 1) & (capacity - 1);
        entries[j] = *e;
    }
    free(sh_entries);
    sh_entries = entries;
    sh_capacity = capacity;
    return 1;
}

// Keeps `m`; a digest already there keeps its first measurement.
static void sh_keep(const sh_text_measure *m, int fresh) {
    if (sh_count >= SH_TEXT_CACHE_LIMIT) sh_clear();
    if (2 * (sh_count + 1) > sh_capacity && !sh_grow()) return;
    sh_text_entry *e = sh_slot(m->digest);
    if (e == NULL || e->used) return;
    *e = (sh_text_entry){ *m, 1, fresh };
    sh_count++;
    sh_fresh += fresh;
}

// --- The engine ---------------------------------------------------------------------------

static boolean sh_textlayout(textspan_t *span, char **fontpath);
static gvtextlayout_engine_t sh_engine = { sh_textlayout };

// The engine Graphviz would have chosen in a context of its own (gvtextlayout_select: the best
// quality of the installed ones, pango's 10 and then gd's 2), loaded on first use.
static gvtextlayout_engine_t *sh_load_measurer(void) {
    if (sh_measurer_tried || sh_gvc == NULL) return sh_measurer;
    sh_measurer_tried = 1;
    static const char *const packages[] = { "textlayout::cairo", "textlayout::gd" };
    for (size_t k = 0; k < sizeof packages / sizeof *packages && sh_measurer == NULL; k++) {
        gvplugin_available_t *available = gvplugin_load(sh_gvc, API_textlayout, packages[k]);
        gvplugin_installed_t *installed = available ? ((sh_available_head *)available)->typeptr : NULL;
        gvtextlayout_engine_t *engine = installed ? (gvtextlayout_engine_t *)installed->engine : NULL;
        if (engine && engine != &sh_engine && engine->textlayout) sh_measurer = engine;
    }
    return sh_measurer;
}

// No engine: Graphviz estimates the size itself (textspan.c), as it does with none installed.
static boolean sh_measure(textspan_t *span, char **fontpath) {
    gvtextlayout_engine_t *engine = sh_load_measurer();
    return engine ? engine->textlayout(span, fontpath) : FALSE;
}

static boolean sh_textlayout(textspan_t *span, char **fontpath) {
    if (!sh_cache_on || fontpath != NULL || span->str == NULL || span->font == NULL || span->font->name == NULL)
        return sh_measure(span, fontpath);
    sh_text_measure m;
    sh_digest(span, m.digest);
    sh_text_entry *e = sh_slot(m.digest);
    if (e && e->used) {
        sh_hits++;
        span->layout = NULL;
        span->free_layout = NULL;
        span->size.x = e->m.width;
        span->size.y = e->m.height;
        span->yoffset_layout = e->m.yoffset_layout;
        span->yoffset_centerline = e->m.yoffset_centerline;
        return e->m.measured != 0;
    }
    sh_misses++;
    boolean measured = sh_measure(span, fontpath);
    m.width = span->size.x;
    m.height = span->size.y;
    m.yoffset_layout = span->yoffset_layout;
    m.yoffset_centerline = span->yoffset_centerline;
    m.measured = measured ? 1 : 0;
    m.reserved = 0;
    sh_keep(&m, 1);
    return measured;
}

// Above pango's quality (10), so that gvtextlayout_select picks this engine.
static gvplugin_installed_t sh_types[] = { { 0, "textlayout", 100, &sh_engine, NULL }, { 0, NULL, 0, NULL, NULL } };
static gvplugin_api_t sh_apis[] = { { API_textlayout, sh_types }, { (api_t)0, NULL } };
static gvplugin_library_t sh_library = { "samhandling_textcache", sh_apis };
static lt_symlist_t sh_builtins[] = { { "gvplugin_samhandling_textcache_LTX_library", &sh_library }, { NULL, NULL } };

GVC_t *sh_context(void) {
    if (sh_gvc == NULL) sh_gvc = gvContextPlugins(sh_builtins, 1);
    return sh_gvc;
}

void sh_textcache_enable(int on) { sh_cache_on = on; }

void sh_textcache_salt(uint64_t a, uint64_t b) {
    if (a == sh_salt[0] && b == sh_salt[1]) return;
    sh_clear();
    sh_salt[0] = a;
    sh_salt[1] = b;
}

void sh_textcache_preload(const sh_text_measure *measures, size_t count) {
    for (size_t k = 0; k < count; k++) sh_keep(&measures[k], 0);
}

size_t sh_textcache_fresh_count(void) { return sh_fresh; }

size_t sh_textcache_take_fresh(sh_text_measure *out, size_t capacity) {
    size_t taken = 0;
    for (size_t k = 0; k < sh_capacity && taken < capacity; k++) {
        sh_text_entry *e = &sh_entries[k];
        if (!e->used || !e->fresh) continue;
        out[taken++] = e->m;
        e->fresh = 0;
        sh_fresh--;
    }
    return taken;
}

void sh_textcache_counts(uint64_t *hits, uint64_t *misses) {
    *hits = sh_hits;
    *misses = sh_misses;
}

int sh_textcache_measurer_loaded(void) { return sh_measurer != NULL; }

// Where gvc looks for its plugins (gvconfig_libdir): $GVBINDIR, else the folder "graphviz" beside
// the libgvc loaded. NULL when neither can be told.
const char *sh_graphviz_plugin_folder(void) {
    static char folder[4096];
    const char *set = getenv("GVBINDIR");
    if (set && *set) return set;
    Dl_info info;
    if (dladdr((void *)&gvContext, &info) == 0 || info.dli_fname == NULL) return NULL;
    const char *slash = strrchr(info.dli_fname, '/');
    if (slash == NULL) return NULL;
    size_t length = (size_t)(slash - info.dli_fname);
    if (length + sizeof "/graphviz" > sizeof folder) return NULL;
    memcpy(folder, info.dli_fname, length);
    memcpy(folder + length, "/graphviz", sizeof "/graphviz");
    return folder;
}
