#ifndef SAMHANDLING_CGRAPHVIZ_SHIM_H
#define SAMHANDLING_CGRAPHVIZ_SHIM_H

// Static-inline wrappers for what Swift 6 cannot import cleanly from Graphviz 2.43:
// non-const `char *` parameters, the agtail/aghead/AGSEQ macros, and gvRenderData's length
// type (unsigned int in 2.43, size_t from Graphviz 13). What Samhandling adds in C — the ID
// discipline, reading text with it, building a graph as the parser does — is the C target
// CGraphvizShim.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stddef.h>
#include <string.h>

static inline const char *sh_agget(void *obj, const char *name) {
    return agget(obj, (char *)name);
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
