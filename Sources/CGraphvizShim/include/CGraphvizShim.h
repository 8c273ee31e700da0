#ifndef SAMHANDLING_CGRAPHVIZSHIM_H
#define SAMHANDLING_CGRAPHVIZSHIM_H

// What Samhandling adds to cgraph in C: the ID discipline that makes subgraph order (and so
// layouts) deterministic, and the two ways a root graph is made with it — read from DOT text,
// or built through cgraph's API with the calls cgraph's parser makes (build.c).

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stddef.h>
#include <stdint.h>

/// Parses DOT text with line numbers counted from 1 and the deterministic ID discipline.
/// NULL when the text is empty or cannot be opened as a stream (cgraph's errors go to its
/// error handler).
Agraph_t *sh_agread_text(const char *text);

/// Opens an empty root graph as cgraph's parser opens the graph of `strict? (di)graph name {`:
/// the same description and the same ID discipline. `name` NULL for an anonymous graph.
Agraph_t *sh_agopen_numbered(const char *name, int directed, int strict);

/// Ends a graph built through the API as the parser ends the graph it read (it forgets the
/// names it mapped internally, those that begin with '%').
void sh_end_built_graph(Agraph_t *g);

/// `s` interned in `g`'s strings, as the lexer interns each token: an HTML-like string when
/// `html` is non-zero. Each call holds one reference, given back with sh_release.
char *sh_intern(Agraph_t *g, const char *s, int html);

/// Gives back the references sh_intern handed out.
void sh_release(Agraph_t *g, size_t count, char *const *strings);

/// The parser's `bindattrs`: binds each name of a statement's `[name=value, …]` in `g` (the
/// graph or subgraph the statement is in), declaring it with default "" on first use, and
/// gives back the name's reference. `names` are interned strings.
void sh_bind(Agraph_t *g, int kind, size_t count, char *const *names, Agsym_t **symbols);

/// The parser's `applyattrs`: sets each bound value on a node or edge.
void sh_apply(void *object, size_t count, Agsym_t *const *symbols, char *const *values);

/// The parser's `attrstmt` for `graph [name=value, …]` in `g`, after sh_bind: each value
/// becomes g's own (and so the default of subgraphs made in it later); on the root graph the
/// attribute is marked to be written.
void sh_graph_attributes(Agraph_t *g, size_t count, Agsym_t *const *symbols, char *const *values);

/// A node of `g` by name, made (in the root graph too) when there is none: `name` as the
/// parser's `appendnode` sees it.
Agnode_t *sh_agnode(Agraph_t *g, const char *name);

/// A subgraph of `g` by name, made when there is none (the parser's `opensubg`).
Agraph_t *sh_agsubg(Agraph_t *g, const char *name);

/// The edge `tail -> head` of `g` as the parser's `newedge` makes it, named by `key` when not
/// NULL; NULL where cgraph refuses one (a loop in a strict graph).
Agedge_t *sh_agedge(Agraph_t *g, Agnode_t *tail, Agnode_t *head, char *key);

/// The process's one Graphviz context, made on first call: gvContext's plugins, with the
/// text-measuring cache (textcache.c) as its text layout engine in front of the one Graphviz
/// would choose (pango), which is loaded only when a text must be measured.
GVC_t *sh_context(void);

/// One text's measurement, as pango gave it, under its key's digest.
typedef struct {
    uint64_t digest[2];
    double width, height, yoffset_layout, yoffset_centerline;
    uint32_t measured;  // pango's return value
    uint32_t reserved;  // 0
} sh_text_measure;

/// While non-zero, text measured once is not measured again; set only around renders whose
/// renderer never draws with pango's layout objects (SVG), cleared otherwise.
void sh_textcache_enable(int on);

/// The salt of the digests; a new salt empties the cache (its digests are of another salt).
void sh_textcache_salt(uint64_t a, uint64_t b);

/// Measurements kept from an earlier process (of the same salt): answered without pango.
void sh_textcache_preload(const sh_text_measure *measures, size_t count);

/// How many measurements this process made that sh_textcache_take_fresh has not yet handed out.
size_t sh_textcache_fresh_count(void);

/// Copies up to `capacity` of those into `out` and counts them as handed out; returns how many.
size_t sh_textcache_take_fresh(sh_text_measure *out, size_t capacity);

/// How many measurements were answered from the cache, and how many by pango, so far.
void sh_textcache_counts(uint64_t *hits, uint64_t *misses);

/// SipHash-2-4 of `length` bytes under the key (k0, k1), its 64-bit output: the function whose
/// 128-bit form keys the cache's digests (textcache.c), here to be held to its published values.
uint64_t sh_siphash24(uint64_t k0, uint64_t k1, const void *data, size_t length);

/// The same, its 128-bit form (the one the digests use): `out[0]` the first eight bytes of the
/// output, little-endian, `out[1]` the next.
void sh_siphash24_128(uint64_t k0, uint64_t k1, const void *data, size_t length, uint64_t out[2]);

/// The folder gvc loads its plugins from ($GVBINDIR, or `graphviz` beside libgvc); NULL when unknown.
const char *sh_graphviz_plugin_folder(void);

/// The characters snprintf(out, 50, "%.02f", x) writes, and their count (printdouble.c).
/// `out` holds at least 50 bytes.
size_t sh_format_fixed2(char *out, double x);

/// The version of the cgraph library loaded (its AgraphVersion), read without a GVC context.
const char *sh_graphviz_version(void);

#endif
