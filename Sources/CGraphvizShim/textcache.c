#define _GNU_SOURCE  // dladdr
#include "CGraphvizShim.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
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
// caller chooses (SipHash, below), not by the text: what the caller keeps on disk holds no label.

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
// SipHash-2-4 (Aumasson and Bernstein 2012) with a 128-bit output, keyed by the salt, over the
// key's fields, each preceded by its length so that no two keys give the same message. A keyed
// pseudorandom function: with the salt (which is kept in the same file) a guessed label can be
// confirmed, but no label can be read back from its digest, short ones included (a chain of
// invertible mixes, as this was first, gives a label of eight bytes back outright).

typedef struct {
    uint64_t v0, v1, v2, v3;
    uint64_t pending;   // bytes not yet making up a whole word, little-endian
    unsigned count;     // how many bytes `pending` holds
    uint64_t length;    // bytes taken in all
} sh_sip;

static uint64_t sh_rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

static void sh_sip_round(sh_sip *s) {
    s->v0 += s->v1; s->v1 = sh_rotl(s->v1, 13); s->v1 ^= s->v0; s->v0 = sh_rotl(s->v0, 32);
    s->v2 += s->v3; s->v3 = sh_rotl(s->v3, 16); s->v3 ^= s->v2;
    s->v0 += s->v3; s->v3 = sh_rotl(s->v3, 21); s->v3 ^= s->v0;
    s->v2 += s->v1; s->v1 = sh_rotl(s->v1, 17); s->v1 ^= s->v2; s->v2 = sh_rotl(s->v2, 32);
}

static void sh_sip_init(sh_sip *s, uint64_t k0, uint64_t k1, int wide) {
    s->v0 = k0 ^ 0x736f6d6570736575ull;
    s->v1 = k1 ^ 0x646f72616e646f6dull;
    s->v2 = k0 ^ 0x6c7967656e657261ull;
    s->v3 = k1 ^ 0x7465646279746573ull;
    if (wide) s->v1 ^= 0xee;
    s->pending = 0;
    s->count = 0;
    s->length = 0;
}

static void sh_sip_word(sh_sip *s, uint64_t m) {
    s->v3 ^= m;
    sh_sip_round(s);
    sh_sip_round(s);
    s->v0 ^= m;
}

static void sh_sip_update(sh_sip *s, const void *data, size_t n) {
    const unsigned char *p = data;
    s->length += n;
    for (size_t k = 0; k < n; k++) {
        s->pending |= (uint64_t)p[k] << (8 * s->count);
        if (++s->count == 8) {
            sh_sip_word(s, s->pending);
            s->pending = 0;
            s->count = 0;
        }
    }
}

// The last word (the length's low byte on top of the bytes left), then the finalisation: one
// 64-bit word, or (wide) two.
static void sh_sip_final(sh_sip *s, int wide, uint64_t out[2]) {
    sh_sip_word(s, s->pending | (s->length << 56));
    s->v2 ^= wide ? 0xee : 0xff;
    for (int r = 0; r < 4; r++) sh_sip_round(s);
    out[0] = s->v0 ^ s->v1 ^ s->v2 ^ s->v3;
    if (!wide) return;
    s->v1 ^= 0xdd;
    for (int r = 0; r < 4; r++) sh_sip_round(s);
    out[1] = s->v0 ^ s->v1 ^ s->v2 ^ s->v3;
}

uint64_t sh_siphash24(uint64_t k0, uint64_t k1, const void *data, size_t length) {
    sh_sip s;
    uint64_t out[2];
    sh_sip_init(&s, k0, k1, 0);
    sh_sip_update(&s, data, length);
    sh_sip_final(&s, 0, out);
    return out[0];
}

static void sh_sip_field(sh_sip *s, const char *text) {
    uint64_t n = strlen(text);
    sh_sip_update(s, &n, sizeof n);
    sh_sip_update(s, text, (size_t)n);
}

static void sh_digest(const textspan_t *span, uint64_t out[2]) {
    sh_sip s;
    sh_sip_init(&s, sh_salt[0], sh_salt[1], 1);
    sh_sip_field(&s, span->str);
    sh_sip_field(&s, span->font->name);
    uint64_t bits, flags = (uint64_t)span->font->flags;
    memcpy(&bits, &span->font->size, sizeof bits);
    sh_sip_update(&s, &bits, sizeof bits);
    sh_sip_update(&s, &flags, sizeof flags);
    sh_sip_final(&s, 1, out);
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

// The textlayout engine in a plugin library of `folder` whose file name begins `prefix`
// (libgvplugin_pango.so.6, say), found through the library's public symbol (gvplugin.h's
// gvplugin_library_t, `gvplugin_NAME_LTX_library`, which gvc itself looks up). NULL when there
// is no such file, none loads, or none has a textlayout engine. (The same library gvc loads
// later for the cairo renderers: the dynamic linker hands both the one copy.)
static gvtextlayout_engine_t *sh_engine_of(const char *path, const char *symbol) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return NULL;
    gvplugin_library_t *library = (gvplugin_library_t *)dlsym(handle, symbol);
    if (library != NULL && library->apis != NULL) {
        for (gvplugin_api_t *api = library->apis; api->types; api++) {
            if (api->api != API_textlayout) continue;
            for (gvplugin_installed_t *type = api->types; type->type; type++) {
                gvtextlayout_engine_t *engine = (gvtextlayout_engine_t *)type->engine;
                if (engine && engine != &sh_engine && engine->textlayout) return engine;  // kept loaded
            }
        }
    }
    dlclose(handle);
    return NULL;
}

// Shorter names first, then in byte order.
static int sh_by_length(const void *a, const void *b) {
    size_t m = strlen(a), n = strlen(b);
    return m != n ? (m < n ? -1 : 1) : strcmp(a, b);
}

static gvtextlayout_engine_t *sh_engine_in(const char *folder, const char *prefix, const char *symbol) {
    DIR *directory = opendir(folder);
    if (directory == NULL) return NULL;
    enum { SH_CANDIDATES = 16 };
    char names[SH_CANDIDATES][256];
    size_t count = 0;
    for (struct dirent *entry; (entry = readdir(directory)) != NULL && count < SH_CANDIDATES;) {
        const char *name = entry->d_name;
        if (strncmp(name, prefix, strlen(prefix)) != 0 || (!strstr(name, ".so") && !strstr(name, ".dylib"))) continue;
        if (strlen(name) >= sizeof names[0]) continue;
        strcpy(names[count++], name);
    }
    closedir(directory);
    // Each candidate in a fixed order (shortest name first: the link names before the versioned
    // files they point at), the first that loads and has the engine taken.
    qsort(names, count, sizeof names[0], sh_by_length);
    for (size_t k = 0; k < count; k++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", folder, names[k]) >= (int)sizeof path) continue;
        gvtextlayout_engine_t *engine = sh_engine_of(path, symbol);
        if (engine) return engine;
    }
    return NULL;
}

// The engine Graphviz would have chosen in a context of its own (gvtextlayout_select: the best
// quality of the installed ones, pango's 10 and then gd's 2), loaded on first use. (A quality
// changed by hand in gvc's config file is not looked at.)
static gvtextlayout_engine_t *sh_load_measurer(void) {
    if (sh_measurer_tried) return sh_measurer;
    sh_measurer_tried = 1;
    const char *folder = sh_graphviz_plugin_folder();
    if (folder == NULL) return NULL;
    sh_measurer = sh_engine_in(folder, "libgvplugin_pango.", "gvplugin_pango_LTX_library");
    if (sh_measurer == NULL) sh_measurer = sh_engine_in(folder, "libgvplugin_gd.", "gvplugin_gd_LTX_library");
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

void sh_siphash24_128(uint64_t k0, uint64_t k1, const void *data, size_t length, uint64_t out[2]) {
    sh_sip s;
    sh_sip_init(&s, k0, k1, 1);
    sh_sip_update(&s, data, length);
    sh_sip_final(&s, 1, out);
}
