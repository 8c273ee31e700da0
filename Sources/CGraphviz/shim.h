#ifndef SAMHANDLING_CGRAPHVIZ_SHIM_H
#define SAMHANDLING_CGRAPHVIZ_SHIM_H

// Static-inline wrappers for what Swift 6 cannot import cleanly from Graphviz 2.43:
// the Agdirected/Agundirected globals (not concurrency-safe), non-const `char *`
// parameters, the AGSEQ macro, and gvRenderData's length type (unsigned int in 2.43,
// size_t from Graphviz 13).

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stddef.h>
#include <string.h>

static inline Agraph_t *sh_agopen(const char *name, int directed, int strict) {
    Agdesc_t desc = directed ? (strict ? Agstrictdirected : Agdirected)
                             : (strict ? Agstrictundirected : Agundirected);
    return agopen((char *)name, desc, NULL);
}

static inline Agraph_t *sh_agmemread(const char *text) { return agmemread(text); }

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
