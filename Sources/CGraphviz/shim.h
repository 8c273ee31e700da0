#ifndef SAMHANDLING_CGRAPHVIZ_SHIM_H
#define SAMHANDLING_CGRAPHVIZ_SHIM_H

// Static-inline wrappers for what Swift 6 cannot import cleanly from Graphviz 2.43:
// the Agdirected/Agundirected globals (not concurrency-safe), non-const `char *`
// parameters, the AGSEQ macro, and gvRenderData's length type (unsigned int in 2.43,
// size_t from Graphviz 13).

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline Agraph_t *sh_agopen(const char *name, int directed, int strict) {
    Agdesc_t desc = directed ? (strict ? Agstrictdirected : Agdirected)
                             : (strict ? Agstrictundirected : Agundirected);
    return agopen((char *)name, desc, NULL);
}

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

/// Parses DOT text, with line numbers counted from 1 and the deterministic ID discipline.
static inline Agraph_t *sh_agread_text(const char *text) {
    size_t length = strlen(text);
    if (length == 0) return NULL;
    FILE *stream = fmemopen((void *)text, length, "r");
    if (stream == NULL) return NULL;
    Agdisc_t disc = { &AgMemDisc, &sh_ids_disc, &AgIoDisc };
    agreadline(1);
    Agraph_t *g = agread(stream, &disc);
    fclose(stream);
    return g;
}

static inline const char *sh_agget(void *obj, const char *name) {
    return agget(obj, (char *)name);
}

static inline Agsym_t *sh_agattr(Agraph_t *g, int kind, const char *name, const char *value) {
    return agattr(g, kind, (char *)name, (char *)value);
}

static inline int sh_agsafeset(void *obj, const char *name, const char *value, const char *def) {
    return agsafeset(obj, (char *)name, (char *)value, (char *)def);
}

static inline Agnode_t *sh_agtail(Agedge_t *e) { return agtail(e); }
static inline Agnode_t *sh_aghead(Agedge_t *e) { return aghead(e); }

static inline unsigned long sh_agseq(void *obj) { return (unsigned long)AGSEQ(obj); }

static inline int sh_is_cluster(Agraph_t *subgraph) {
    const char *name = agnameof(subgraph);
    return name != NULL && strncmp(name, "cluster", 7) == 0;
}

static inline int sh_gvRenderData(GVC_t *gvc, Agraph_t *g, const char *format,
                                  char **result, size_t *length) {
    unsigned int n = 0;
    int rc = gvRenderData(gvc, g, format, result, &n);
    *length = (size_t)n;
    return rc;
}

#endif
