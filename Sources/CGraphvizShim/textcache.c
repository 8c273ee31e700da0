#include "CGraphvizShim.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// --- Text measured once ------------------------------------------------------------------
// Graphviz measures every label's text with pango (plugin/pango/gvtextlayout_pango.c): a new
// PangoLayout, markup parsed, extents computed — about 100,000 instructions a label, a tenth of
// a render, though a batch of helper networks measures the same few texts ("Helper 3\nrole 3",
// the legend) over and over. The measurement is a function of the text and the font alone: the
// engine reads span->str and span->font's name, size, flags and PostScript alias, and writes the
// span's size, its two y offsets and its PangoLayout. This engine stands in front of pango's:
// it asks pango once per (text, font) and hands out the same numbers after that, so every
// layout is the one pango's own answers give, to the bit.
//
// What it cannot hand out again is the PangoLayout: only the cairo renderers (png, pdf) draw
// with it; the SVG renderer writes the text and the font by name. So the cache answers only while
// sh_textcache_enable(1) is in force (the SVG renders), and pango answers every call otherwise.

// The head of gvc's private `struct gvplugin_available_s` (lib/gvc/gvcint.h, the same from
// 2.38 on): what gvplugin_load returns, read for the engine pango installed.
typedef struct sh_available_head {
    struct sh_available_head *next;
    const char *typestr;
    int quality;
    void *package;
    gvplugin_installed_t *typeptr;
} sh_available_head;

// Exported by libgvc (declared in its private gvcproc.h).
extern gvplugin_available_t *gvplugin_load(GVC_t *gvc, api_t api, const char *type);
extern int gvtextlayout_select(GVC_t *gvc);

typedef struct {
    char *text, *font;            // owned copies (NULL: empty slot)
    PostscriptAlias *alias;       // interned by gvc for the process: compared by address
    double font_size;
    unsigned flags;
    uint64_t hash;
    boolean measured;             // pango's return value
    pointf size;
    double yoffset_layout, yoffset_centerline;
} sh_text_entry;

static gvtextlayout_engine_t *sh_pango;   // the engine this one stands in front of
static int sh_cache_on;
static sh_text_entry *sh_entries;
static size_t sh_capacity, sh_count;
static uint64_t sh_hits, sh_misses;

enum { SH_TEXT_CACHE_LIMIT = 1 << 16 };  // entries kept at most; the table starts again when full

static uint64_t sh_hash(const textspan_t *span) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (const unsigned char *p = (const unsigned char *)span->str; *p; p++) h = (h ^ *p) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (const unsigned char *p = (const unsigned char *)span->font->name; *p; p++) h = (h ^ *p) * 1099511628211ull;
    uint64_t bits;
    memcpy(&bits, &span->font->size, sizeof bits);
    h = (h ^ bits) * 1099511628211ull;
    h = (h ^ span->font->flags) * 1099511628211ull;
    h = (h ^ (uint64_t)(uintptr_t)span->font->postscript_alias) * 1099511628211ull;
    return h ^ (h >> 29);
}

static int sh_same(const sh_text_entry *e, uint64_t hash, const textspan_t *span) {
    return e->hash == hash && e->font_size == span->font->size && e->flags == span->font->flags
        && e->alias == span->font->postscript_alias && strcmp(e->text, span->str) == 0
        && strcmp(e->font, span->font->name) == 0;
}

static void sh_clear(void) {
    for (size_t k = 0; k < sh_capacity; k++) {
        free(sh_entries[k].text);
        free(sh_entries[k].font);
    }
    free(sh_entries);
    sh_entries = NULL;
    sh_capacity = sh_count = 0;
}

// The slot for `span`: its entry, or the empty slot where it goes. NULL when there is no table.
static sh_text_entry *sh_slot(uint64_t hash, const textspan_t *span) {
    if (sh_capacity == 0) return NULL;
    for (size_t k = hash & (sh_capacity - 1);; k = (k + 1) & (sh_capacity - 1)) {
        sh_text_entry *e = &sh_entries[k];
        if (e->text == NULL || sh_same(e, hash, span)) return e;
    }
}

static int sh_grow(void) {
    size_t capacity = sh_capacity ? 2 * sh_capacity : 1024;
    sh_text_entry *entries = calloc(capacity, sizeof *entries);
    if (entries == NULL) return 0;
    for (size_t k = 0; k < sh_capacity; k++) {
        sh_text_entry *e = &sh_entries[k];
        if (e->text == NULL) continue;
        size_t j = e->hash & (capacity - 1);
        while (entries[j].text != NULL) j = (j + 1) & (capacity - 1);
        entries[j] = *e;
    }
    free(sh_entries);
    sh_entries = entries;
    sh_capacity = capacity;
    return 1;
}

static boolean sh_textlayout(textspan_t *span, char **fontpath) {
    if (!sh_cache_on || fontpath != NULL || span->str == NULL || span->font == NULL || span->font->name == NULL)
        return sh_pango->textlayout(span, fontpath);
    uint64_t hash = sh_hash(span);
    sh_text_entry *e = sh_slot(hash, span);
    if (e && e->text) {
        sh_hits++;
        span->layout = NULL;
        span->free_layout = NULL;
        span->size = e->size;
        span->yoffset_layout = e->yoffset_layout;
        span->yoffset_centerline = e->yoffset_centerline;
        return e->measured;
    }
    sh_misses++;
    boolean measured = sh_pango->textlayout(span, fontpath);
    if (sh_count >= SH_TEXT_CACHE_LIMIT) sh_clear();
    if (2 * (sh_count + 1) > sh_capacity) {
        if (!sh_grow()) return measured;
    }
    e = sh_slot(hash, span);
    char *text = strdup(span->str), *font = strdup(span->font->name);
    if (e == NULL || text == NULL || font == NULL) {
        free(text);
        free(font);
        return measured;
    }
    *e = (sh_text_entry){ text, font, span->font->postscript_alias, span->font->size, span->font->flags, hash,
                          measured, span->size, span->yoffset_layout, span->yoffset_centerline };
    sh_count++;
    return measured;
}

static gvtextlayout_engine_t sh_engine = { sh_textlayout };
// Above pango's quality (10), so that gvtextlayout_select picks this engine.
static gvplugin_installed_t sh_types[] = { { 0, "textlayout", 100, &sh_engine, NULL }, { 0, NULL, 0, NULL, NULL } };
static gvplugin_api_t sh_apis[] = { { API_textlayout, sh_types }, { (api_t)0, NULL } };
static gvplugin_library_t sh_library = { "samhandling_textcache", sh_apis };

int sh_textcache_install(GVC_t *gvc) {
    if (sh_pango != NULL) return 1;
    gvplugin_available_t *available = gvplugin_load(gvc, API_textlayout, "textlayout");
    if (available == NULL) return 0;  // no text layout engine: Graphviz estimates sizes itself
    gvplugin_installed_t *installed = ((sh_available_head *)available)->typeptr;
    if (installed == NULL || installed->engine == NULL) return 0;
    gvtextlayout_engine_t *engine = (gvtextlayout_engine_t *)installed->engine;
    if (engine == &sh_engine || engine->textlayout == NULL) return 0;
    sh_pango = engine;
    gvAddLibrary(gvc, &sh_library);
    gvtextlayout_select(gvc);
    return 1;
}

void sh_textcache_enable(int on) { sh_cache_on = on; }

void sh_textcache_counts(uint64_t *hits, uint64_t *misses) {
    *hits = sh_hits;
    *misses = sh_misses;
}
