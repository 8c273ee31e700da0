#include "CGraphvizShim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// --- Deterministic subgraph order -------------------------------------------------------
// cgraph 2.43 keeps a graph's subgraphs in a dictionary ordered by ID, and its default ID
// discipline makes a name's ID the address of its interned string: the order of clusters —
// and so the layout — depended on the process's heap history (a file rendered alone or after
// others, or in another worker, came out differently). This discipline numbers subgraph names
// in the order they are first seen, per root graph, and anonymous objects with a counter of
// the graph's own; other names keep cgraph's interned strings, as the default does.

typedef struct {
    Agraph_t *root;
    char **names;         // subgraph names (interned in the graph), ID = 2 * (index + 1)
    size_t count, capacity;
    IDTYPE anonymous;     // next odd ID for an anonymous object
} sh_ids_t;

static void *sh_ids_open(Agraph_t *g, Agdisc_t *disc) {
    (void)disc;
    sh_ids_t *ids = calloc(1, sizeof *ids);
    if (ids) { ids->root = g; ids->anonymous = 1; }
    return ids;
}

static long sh_ids_map(void *state, int objtype, char *name, IDTYPE *id, int create) {
    sh_ids_t *ids = state;
    if (name == NULL) {
        *id = ids->anonymous;
        ids->anonymous += 2;
        return 1;
    }
    if (objtype != AGRAPH) {
        *id = (IDTYPE)(create ? agstrdup(ids->root, name) : agstrbind(ids->root, name));
        return 1;
    }
    for (size_t k = 0; k < ids->count; k++) {
        if (strcmp(ids->names[k], name) == 0) { *id = 2 * (IDTYPE)(k + 1); return 1; }
    }
    if (!create) { *id = 0; return 1; }  // not found: no subgraph has ID 0
    if (ids->count == ids->capacity) {
        size_t capacity = ids->capacity ? 2 * ids->capacity : 16;
        char **names = realloc(ids->names, capacity * sizeof *names);
        if (names == NULL) return 0;
        ids->names = names;
        ids->capacity = capacity;
    }
    ids->names[ids->count] = agstrdup(ids->root, name);
    *id = 2 * (IDTYPE)(++ids->count);
    return 1;
}

static long sh_ids_alloc(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;
    return 0;  // IDs chosen by the caller are not supported (nor are they by the default)
}

static void sh_ids_free(void *state, int objtype, IDTYPE id) {
    sh_ids_t *ids = state;
    // Subgraph names stay in the table (a deleted subgraph's name may come back) and are
    // freed with the graph's strings.
    if (id % 2 == 0 && objtype != AGRAPH) agstrfree(ids->root, (char *)id);
}

static char *sh_ids_print(void *state, int objtype, IDTYPE id) {
    sh_ids_t *ids = state;
    if (id % 2 != 0) return NULL;  // anonymous
    if (objtype != AGRAPH) return (char *)id;
    size_t k = (size_t)(id / 2);
    return k >= 1 && k <= ids->count ? ids->names[k - 1] : NULL;
}

static void sh_ids_close(void *state) {
    sh_ids_t *ids = state;
    free(ids->names);
    free(ids);
}

static void sh_ids_register(void *state, int objtype, void *obj) {
    (void)state; (void)objtype; (void)obj;
}

static Agiddisc_t sh_ids_disc = {
    sh_ids_open, sh_ids_map, sh_ids_alloc, sh_ids_free, sh_ids_print, sh_ids_close, sh_ids_register,
};

// One discipline for read and built graphs alike: both come out numbered the same way.
static Agdisc_t sh_disc = { &AgMemDisc, &sh_ids_disc, &AgIoDisc };

Agraph_t *sh_agread_text(const char *text) {
    size_t length = strlen(text);
    if (length == 0) return NULL;
    FILE *stream = fmemopen((void *)text, length, "r");
    if (stream == NULL) return NULL;
    agreadline(1);
    Agraph_t *g = agread(stream, &sh_disc);
    fclose(stream);
    return g;
}

Agraph_t *sh_agopen_numbered(const char *name, int directed, int strict) {
    // The parser's description: only these three fields set (no_loop and the rest zero), which
    // is what Agdirected, Agstrictdirected and the undirected two are too.
    Agdesc_t description = { 0 };
    description.directed = directed ? 1 : 0;
    description.strict = strict ? 1 : 0;
    description.maingraph = 1;
    return agopen((char *)name, description, &sh_disc);
}

// Not in cgraph.h (it is in the library's private cghdr.h), but exported by libcgraph; the
// parser calls it when a graph ends.
extern void aginternalmapclearlocalnames(Agraph_t *g);

void sh_end_built_graph(Agraph_t *g) {
    aginternalmapclearlocalnames(g);
}

// Exported by libcgraph (lib/cgraph/graph.c), not declared in cgraph.h.
extern const char AgraphVersion[];

const char *sh_graphviz_version(void) {
    return AgraphVersion;
}
